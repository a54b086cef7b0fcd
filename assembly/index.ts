// The ABI between the host (src/engine/wasm/engine.ts) and the engine: exported functions of numbers
// only, each defined in the part of the engine it belongs to. The host writes input into the regions
// these functions hand out and reads results as views. Every failure is a negative return code, never
// a trap; codes, pattern ids, roles, flags and limits are named in abi.ts (mirrored by src/abi.ts).

// Loading a vocabulary (once per instance).
export {
  reserveVocab, declareIdsAreRanks, vocabIdsPtr, vocabOffsetsPtr, vocabBlobPtr, vocabLeftLensPtr, setMergesMode,
  reserveSlotTable, usePrebuiltSlots, hashSignature, vocabSlotsPtr, vocabSlotCount, buildVocab,
  reserveSpecials, specialIdsPtr, specialOffsetsPtr, specialBlobPtr, specialFlagsPtr, finishLoading, maxTokenId, maxTokenBytes,
} from "./vocab/index";

// Encoding: one call per text, or per text the host cut into pieces itself.
export { setPattern, setWholePieceFirst, reserveInput, encode, encodeUtf8, outputPtr, errorByteOffset, errorSpecialIndex } from "./encode/index";
export { reservePieces, piecesTablePtr, encodePieces } from "./encode/pieces";
export { setSingleDigits } from "./scan/cl100k";

// Decoding.
export {
  decodeBlockIds, reserveIds, decodeIds, decodeOutputPtr, decodeText, decodeTextPtr, decodeTextIsUtf16, errorIdIndex,
  tokenBytesPtr, tokenBytesLength,
} from "./decode";

// Training (an instance is a tokenizer or a trainer, never both).
export {
  trainBegin, trainReserve, trainSegmentsPtr, trainCount, trainMergeWords, trainWordsPtr, trainWordRecordSize,
  trainWordBytesPtr, trainWordBytesLength, trainWordCount, trainPrepare, trainRun, trainMergesPtr, trainMergeCount, trainMemoryUsed, trainTokenTotal,
  trainMemoryParts, trainMemoryPartsPtr,
} from "./train/index";

// For tests.
export { charClass as unicodeClass } from "./scan/unicode";

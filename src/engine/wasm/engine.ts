// The WebAssembly engine (contract.ts says what it promises): typed calls into one engine instance. Each
// call copies its input into linear memory once and reads its result through one view; views are made
// after the call, since memory growth detaches earlier ones.

import { ERR_OOM, ERR_DISALLOWED_SPECIAL, ERR_INVALID_ID, ERR_INVALID_UTF8 } from "../../abi.js";
import { checkDecodedLength, checkTextLength, decodeUtf8, invalidVocab, outOfMemory, type TokenEngine } from "../contract.js";
import { disallowedSpecialToken, invalidTokenId } from "../../errors.js";
import { writeUtf8, inputBytes } from "../../text/utf8.js";
import { PIECE_FLAG_SKIP, pieceTableSize, writePieceTable } from "../piece-table.js";
import type { EngineExports } from "./module.js";
import { ranks, type PackedVocab, type VocabTables } from "../../vocab/file.js";
import { PATTERN_CODES, type PatternFamily } from "../../patterns.js";

const utf8 = new TextEncoder();

/** Reserves the vocabulary's memory and has `tables` write each table there (views made after each reserve, which may grow memory). */
function writeTables(wasm: EngineExports, tables: VocabTables): void {
  const n = tables.tokenCount;
  const at = (ptr: number, len: number) => new Uint8Array(wasm.memory.buffer, ptr, len);
  if (tables.idsAreRanks) wasm.declareIdsAreRanks();
  if (!wasm.reserveVocab(n, tables.blobBytes)) outOfMemory("hold the vocabulary");
  if (!tables.idsAreRanks) tables.write("ids", at(wasm.vocabIdsPtr(), 4 * n));
  tables.write("offsets", at(wasm.vocabOffsetsPtr(), 4 * (n + 1)));
  tables.write("blob", at(wasm.vocabBlobPtr(), tables.blobBytes));
  if (tables.hasLeftLens) {
    tables.write("leftLens", at(wasm.vocabLeftLensPtr(), 4 * n));
    wasm.setMergesMode(1);
  }
  // A hash table built at build time makes loading a copy instead of hashing every token.
  if (tables.slots && tables.slots.hashSignature === wasm.hashSignature() >>> 0) {
    const ptr = wasm.reserveSlotTable(tables.slots.capacity);
    if (!ptr) outOfMemory("hold the vocabulary");
    tables.write("slotOfRank", at(ptr, 4 * n));
    wasm.usePrebuiltSlots();
  }
}

export class Engine implements TokenEngine {
  readonly kind = "wasm";
  readonly maxTokenId: number;
  readonly maxTokenBytes: number;

  private readonly tokenCount: number;
  /** The special tokens' texts, in the order their roles come: what a disallowed one's error names. */
  private readonly specialNames: readonly string[];

  /** An engine holding `tables`: each is written into its memory, then the tables are built. */
  constructor(
    private readonly wasm: EngineExports,
    tables: VocabTables,
    pattern: PatternFamily,
    specials: ReadonlyArray<readonly [string, number]>,
    where: string,
  ) {
    const fail = (code: number): never => invalidVocab(code, where);
    writeTables(wasm, tables);
    this.tokenCount = tables.tokenCount;
    let code = wasm.buildVocab();
    if (code !== 0) fail(code);

    this.specialNames = specials.map(([text]) => text);
    const texts = this.specialNames.map((text) => utf8.encode(text));
    const total = texts.reduce((n, t) => n + t.length, 0);
    if (!wasm.reserveSpecials(specials.length, total)) outOfMemory("hold the special tokens");
    const offsets = this.u32(wasm.specialOffsetsPtr(), specials.length + 1);
    const blob = this.u8(wasm.specialBlobPtr(), total);
    let at = 0;
    texts.forEach((t, k) => {
      offsets[k] = at;
      blob.set(t, at);
      at += t.length;
    });
    offsets[specials.length] = at;
    this.u32(wasm.specialIdsPtr(), specials.length).set(specials.map(([, id]) => id));
    wasm.setPattern(PATTERN_CODES[pattern]);
    code = wasm.finishLoading();
    if (code !== 0) fail(code);
    this.maxTokenId = wasm.maxTokenId();
    this.maxTokenBytes = wasm.maxTokenBytes();
  }

  /** The loaded vocabulary, as views of the engine's memory: valid until its memory grows, so copy what you keep. */
  loadedVocab(name: string): PackedVocab {
    const n = this.tokenCount;
    const offsets = this.u32(this.wasm.vocabOffsetsPtr(), n + 1);
    const idsAt = this.wasm.vocabIdsPtr(); // 0: the ids are the ranks
    return { name, tokenCount: n, ids: idsAt ? this.u32(idsAt, n) : ranks(n), offsets, blob: this.u8(this.wasm.vocabBlobPtr(), offsets[n]) };
  }

  /** The special-token roles last written into the engine (encode reuses them when the same array comes). */
  private flagsWritten: Uint8Array | undefined;
  private memoryView: Uint8Array = new Uint8Array(0);
  private memoryWords: Uint32Array = new Uint32Array(0);
  private inputView: Uint8Array = new Uint8Array(0);
  private inputAt = -1;

  /**
   * Views of all of the engine's memory, made again only after the memory grows. Growing detaches the
   * old buffer (the memory is not shared), which leaves every view of it 0 long: the length says
   * whether a view is stale, and reading `memory.buffer` (~40 ns, a call into the runtime) is left to
   * the calls after a growth.
   */
  private wholeMemory(): Uint8Array {
    if (this.memoryView.length === 0) {
      const buffer = this.wasm.memory.buffer;
      this.memoryView = new Uint8Array(buffer);
      this.memoryWords = new Uint32Array(buffer);
    }
    return this.memoryView;
  }

  private u8(ptr: number, len: number): Uint8Array {
    return new Uint8Array(this.wasm.memory.buffer, ptr, len);
  }

  private u32(ptr: number, len: number): Uint32Array {
    return new Uint32Array(this.wasm.memory.buffer, ptr, len);
  }

  encode(text: string, roles: Uint8Array, base = 0): Uint32Array {
    return this.copyOutput(this.run(text, roles, base));
  }

  count(text: string, roles: Uint8Array, base = 0): number {
    return this.run(text, roles, base);
  }

  /** One encode call; the number of ids it left in the output region. */
  private run(text: string, roles: Uint8Array, base: number): number {
    const cap = inputBytes(text);
    const ptr = this.wasm.reserveInput(cap);
    if (!ptr) outOfMemory(`encode ${text.length} characters`);
    // The input starts at the same place every call: its view is made again only when that place
    // changes, a call needs more, or the memory grew (a live view is at least 16 bytes long, since
    // reserveInput leaves that much past the pointer; a detached one is 0). It ends where the call's
    // room does: a view longer than 2^31 bytes is one that Node 20's encodeInto silently writes
    // nothing into.
    if (this.inputAt !== ptr || this.inputView.length < cap || this.inputView.length === 0) {
      const memory = this.wholeMemory();
      this.inputView = memory.subarray(ptr, ptr + Math.max(cap, Math.min(INPUT_VIEW_BYTES, memory.length - ptr)));
      this.inputAt = ptr;
    }
    const written = writeUtf8(text, this.inputView);
    this.writeRoles(roles);
    const n = this.wasm.encode(written);
    if (n >= 0) return n;
    if (n === ERR_DISALLOWED_SPECIAL) {
      const token = this.specialNames[this.wasm.errorSpecialIndex()];
      // The byte offset maps back to UTF-16 units by decoding the prefix (lone surrogates became
      // U+FFFD, one unit either way).
      throw disallowedSpecialToken(token, base + decodeUtf8(this.u8(ptr, this.wasm.errorByteOffset())).length);
    }
    if (n === ERR_OOM) outOfMemory(`encode ${text.length} characters`);
    throw new Error(`bytepair engine returned unexpected code ${n}`);
  }

  encodeUtf8(bytes: Uint8Array, roles: Uint8Array): Uint32Array | undefined {
    const ptr = this.wasm.reserveInput(bytes.length);
    if (!ptr) outOfMemory(`encode ${bytes.length} bytes`);
    this.wholeMemory().set(bytes, ptr);
    this.writeRoles(roles);
    const n = this.wasm.encodeUtf8(bytes.length);
    if (n >= 0) return this.copyOutput(n);
    if (n === ERR_INVALID_UTF8) return undefined;
    if (n === ERR_DISALLOWED_SPECIAL) throw disallowedSpecialToken(this.specialNames[this.wasm.errorSpecialIndex()], this.wasm.errorByteOffset(), "byte");
    if (n === ERR_OOM) outOfMemory(`encode ${bytes.length} bytes`);
    throw new Error(`bytepair engine returned unexpected code ${n}`);
  }

  /** The flags stay in the engine between calls: rewritten only when another roles array comes. */
  private writeRoles(roles: Uint8Array): void {
    if (roles.length && roles !== this.flagsWritten) {
      this.wholeMemory().set(roles, this.wasm.specialFlagsPtr());
      this.flagsWritten = roles;
    }
  }

  /** Hugging Face options the scanners and merge step follow (see assembly/encode/encoder.ts, scan/cl100k.ts). */
  setHuggingFaceOptions(options: { wholePieceFirst: boolean; singleDigits: boolean }): void {
    this.wasm.setWholePieceFirst(options.wholePieceFirst ? 1 : 0);
    this.wasm.setSingleDigits(options.singleDigits ? 1 : 0);
  }

  encodePieces(parts: ReadonlyArray<string | number>, cuts: ReadonlyArray<number[] | undefined>): Uint32Array {
    return this.copyOutput(this.runPieces(parts, cuts));
  }

  countPieces(parts: ReadonlyArray<string | number>, cuts: ReadonlyArray<number[] | undefined>): number {
    return this.runPieces(parts, cuts);
  }

  /** One call over a piece table (assembly/encode/pieces.ts); the number of ids it left in the output region. */
  private runPieces(parts: ReadonlyArray<string | number>, cuts: ReadonlyArray<number[] | undefined>): number {
    const { cap, count } = pieceTableSize(parts, cuts);
    if (cap >= PIECE_FLAG_SKIP) outOfMemory(`encode ${cap / 3} characters in one piece table`);
    const ptr = this.wasm.reservePieces(cap, count);
    if (!ptr) outOfMemory(`encode ${cap / 3} characters`);
    const { written, entries } = writePieceTable(parts, cuts, this.u8(ptr, cap), this.u32(this.wasm.piecesTablePtr(), count));
    const n = this.wasm.encodePieces(written, entries);
    if (n >= 0) return n;
    if (n === ERR_OOM) outOfMemory(`encode ${written} bytes`);
    throw new Error(`bytepair engine returned unexpected code ${n}`);
  }

  /** The first `n` ids of the output region, copied out for the caller to keep. */
  private copyOutput(n: number): Uint32Array {
    this.wholeMemory();
    const at = this.wasm.outputPtr() >>> 2; // the output is 16-byte aligned
    return this.memoryWords.slice(at, at + n);
  }

  get memoryBytes(): number {
    return this.wasm.memory.buffer.byteLength;
  }

  /** Bytes of the ids, as a view valid until the next call. */
  decode(ids: ArrayLike<number>): Uint8Array {
    const len = this.runDecode(ids, false);
    return this.u8(this.wasm.decodeOutputPtr(), len);
  }

  /** Text of the ids: the engine hands over UTF-16 units, or UTF-8 bytes when they are all ASCII. */
  decodeText(ids: ArrayLike<number>): string {
    this.runDecode(ids, true);
    const n = this.wasm.decodeText();
    if (!this.wasm.decodeTextIsUtf16()) return decodeUtf8(this.u8(this.wasm.decodeOutputPtr(), n));
    checkTextLength(n);
    return utf16Text(this.wasm.memory.buffer, this.wasm.decodeTextPtr(), n);
  }

  /**
   * Copies the ids in, a block at a time, and decodes them onto the engine's output; its length in
   * bytes. Ids are checked as they go in, so an id that is no token fails before later ones are read.
   */
  private runDecode(ids: ArrayLike<number>, text: boolean): number {
    const n = ids.length;
    const block = this.wasm.decodeBlockIds();
    let len = 0;
    for (let start = 0; start === 0 || start < n; start += block) {
      const count = Math.min(block, n - start);
      const ptr = this.wasm.reserveIds(count);
      if (!ptr) outOfMemory(`decode ${n} ids`);
      const view = this.u32(ptr, count);
      let valid = count;
      if (ids instanceof Uint32Array) {
        view.set(ids.subarray(start, start + count));
      } else {
        for (let i = 0; i < count; i++) {
          const id = ids[start + i];
          if (!Number.isInteger(id) || id < 0 || id > this.maxTokenId) {
            valid = i; // decode the ids before it: a gap in the id space there comes first
            break;
          }
          view[i] = id;
        }
      }
      len = this.wasm.decodeIds(valid, start > 0 ? 1 : 0);
      if (len === ERR_INVALID_ID) {
        const index = start + this.wasm.errorIdIndex();
        throw invalidTokenId(ids[index], index);
      }
      if (len < 0) outOfMemory(`decode ${n} ids`);
      if (valid < count) throw invalidTokenId(ids[start + valid], start + valid);
      checkDecodedLength(len, text);
    }
    return len;
  }

  tokenBytes(id: number): Uint8Array | undefined {
    if (!Number.isInteger(id) || id < 0 || id > this.maxTokenId) return undefined;
    const len = this.wasm.tokenBytesLength(id);
    return len ? this.u8(this.wasm.tokenBytesPtr(id), len).slice() : undefined;
  }
}

/** The input view is made at least this long, so that short calls reuse one view. */
const INPUT_VIEW_BYTES = 1 << 20;

const utf16Decoder = new TextDecoder("utf-16le", { ignoreBOM: true });

/** A Node-style Buffer (Node, Deno, Bun): what utf16Text needs of it. */
interface BufferClass {
  from(buffer: ArrayBuffer): { toString(encoding: "utf16le", start: number, end: number): string };
}
let bufferViewOf: ArrayBuffer | undefined;
let bufferView: ReturnType<BufferClass["from"]> | undefined;

/**
 * The string of `units` UTF-16 code units at byte `ptr` of `buffer`. Where there is a Buffer class
 * (Node, Deno, Bun), its utf16le toString copies the units as they are, 5-20x faster than a utf-16le
 * TextDecoder (measured in all three); elsewhere the standard decoder. The units are well-formed UTF-16
 * (assembly/lib/utf16.ts), so both give the same string.
 */
function utf16Text(buffer: ArrayBuffer, ptr: number, units: number): string {
  const Buffer = (globalThis as { Buffer?: BufferClass }).Buffer;
  if (typeof Buffer?.from !== "function") return utf16Decoder.decode(new Uint16Array(buffer, ptr, units));
  // One view, of the last memory buffer seen: a grown memory (a new buffer) or another engine makes a new one.
  if (bufferViewOf !== buffer) {
    bufferView = Buffer.from(buffer);
    bufferViewOf = buffer;
  }
  return bufferView!.toString("utf16le", ptr, ptr + units * 2);
}

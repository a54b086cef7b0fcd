// The pure-JS twin of the wasm engine (src/engine/wasm/engine.ts over assembly/), meeting the same
// contract (../contract.ts): the same scanners, hash table and merge loop written in plain TypeScript
// over typed arrays, readable first. It gives the same ids and the same errors, so it serves as a
// fallback where WebAssembly is unavailable, as a readable statement of the algorithm, and as a second
// opinion in the parity tests and the fuzzer.

import { checkDecodedLength, decodeUtf8, invalidVocab, outOfMemory, type TokenEngine } from "../contract.js";
import { disallowedSpecialToken, invalidTokenId } from "../../errors.js";
import type { PackedVocab } from "../../vocab/file.js";
import type { PatternFamily } from "../../patterns.js";
import { Vocab } from "./vocab.js";
import { Encoder } from "./encoder.js";
import { PIECE_FLAG_SKIP, pieceTableSize, writePieceTable } from "../piece-table.js";
import { inputBytes, writeUtf8 } from "../../text/utf8.js";
import { isWellFormedUtf8 } from "../../text/utf8-check.js";
import { DECODE_BLOCK_IDS } from "../../abi.js";

const utf8 = new TextEncoder();

export class JsEngine implements TokenEngine {
  readonly kind = "js";
  readonly maxTokenId: number;
  readonly maxTokenBytes: number;
  private readonly vocab: Vocab;
  private readonly encoder: Encoder;
  private input = new Uint8Array(0); // the UTF-8 of the text being encoded, reused by every call
  private decoded = new Uint8Array(0); // the bytes of the last decode, reused
  private pieceTable = new Uint32Array(0); // the host's cuts for encodePieces, reused
  private readonly specialNames: readonly string[]; // what a disallowed special token's error names

  constructor(vocab: PackedVocab, pattern: PatternFamily, specials: ReadonlyArray<readonly [string, number]>, where: string) {
    // The wasm engine refuses an empty vocabulary when reserving memory for it; so does this one.
    if (vocab.tokenCount === 0) outOfMemory("hold the vocabulary");
    this.vocab = new Vocab(vocab);
    let code = this.vocab.build();
    if (code !== 0) invalidVocab(code, where);

    this.specialNames = specials.map(([text]) => text);
    const texts = this.specialNames.map((text) => utf8.encode(text));
    const offsets = new Uint32Array(specials.length + 1);
    texts.forEach((t, k) => (offsets[k + 1] = offsets[k] + t.length));
    const blob = new Uint8Array(offsets[specials.length]);
    texts.forEach((t, k) => blob.set(t, offsets[k]));
    code = this.vocab.buildDecoder({ ids: Uint32Array.from(specials, ([, id]) => id), offsets, blob });
    if (code !== 0) invalidVocab(code, where);
    this.encoder = new Encoder(this.vocab, pattern);
    this.maxTokenId = this.vocab.maxId;
    this.maxTokenBytes = texts.reduce((longest, t) => Math.max(longest, t.length), this.vocab.maxTokenLen);
  }

  encode(text: string, roles: Uint8Array, base = 0): Uint32Array {
    const n = this.count(text, roles, base); // first: the call may grow the output array
    return this.encoder.out.ids.slice(0, n);
  }

  /** One encode call (as the wasm engine's); the number of ids it left in the output. */
  count(text: string, roles: Uint8Array, base = 0): number {
    const cap = inputBytes(text);
    try {
      if (this.input.length < cap + 8) this.input = new Uint8Array(cap + 8);
      const written = writeUtf8(text, this.input);
      this.input.fill(0, written, written + 8); // as the wasm engine pads its input
      if (this.encoder.encodeText(this.input, written, roles)) return this.encoder.out.count;
    } catch (e) {
      if (e instanceof RangeError) outOfMemory(`encode ${text.length} characters`);
      throw e;
    }
    const token = this.specialNames[this.encoder.matchIndex];
    // The byte offset maps back to UTF-16 units by decoding the prefix (lone surrogates became
    // U+FFFD, one unit either way).
    throw disallowedSpecialToken(token, base + decodeUtf8(this.input.subarray(0, this.encoder.errorOffset)).length);
  }

  encodeUtf8(bytes: Uint8Array, roles: Uint8Array): Uint32Array | undefined {
    if (!isWellFormedUtf8(bytes)) return undefined; // the twin's scanner, like the engine's, needs well-formed UTF-8
    try {
      if (this.input.length < bytes.length + 8) this.input = new Uint8Array(bytes.length + 8);
      this.input.set(bytes);
      this.input.fill(0, bytes.length, bytes.length + 8);
      if (this.encoder.encodeText(this.input, bytes.length, roles)) return this.encoder.out.ids.slice(0, this.encoder.out.count);
    } catch (e) {
      if (e instanceof RangeError) outOfMemory(`encode ${bytes.length} bytes`);
      throw e;
    }
    throw disallowedSpecialToken(this.specialNames[this.encoder.matchIndex], this.encoder.errorOffset, "byte");
  }

  /** Hugging Face options the scanners and merge step follow (as the wasm engine's). */
  setHuggingFaceOptions(options: { wholePieceFirst: boolean; singleDigits: boolean }): void {
    this.encoder.wholePieceFirst = options.wholePieceFirst;
    this.encoder.setSingleDigits(options.singleDigits);
  }

  encodePieces(parts: ReadonlyArray<string | number>, cuts: ReadonlyArray<number[] | undefined>): Uint32Array {
    const n = this.countPieces(parts, cuts); // first: the call may grow the output array
    return this.encoder.out.ids.slice(0, n);
  }

  /** Text the host has cut into pieces, in one call (src/engine/piece-table.ts); the number of ids. */
  countPieces(parts: ReadonlyArray<string | number>, cuts: ReadonlyArray<number[] | undefined>): number {
    const { cap, count } = pieceTableSize(parts, cuts);
    if (cap >= PIECE_FLAG_SKIP) outOfMemory(`encode ${cap / 3} characters in one piece table`);
    try {
      if (this.input.length < cap + 8) this.input = new Uint8Array(cap + 8);
      if (this.pieceTable.length < count) this.pieceTable = new Uint32Array(count);
      const { written, entries } = writePieceTable(parts, cuts, this.input, this.pieceTable);
      this.input.fill(0, written, written + 8);
      if (this.encoder.encodePieces(this.input, written, this.pieceTable, entries)) return this.encoder.out.count;
    } catch (e) {
      if (e instanceof RangeError) outOfMemory(`encode ${cap / 3} characters`);
      throw e;
    }
    throw new Error("bytepair: the piece table is inconsistent");
  }

  /** Bytes of the ids, as a view valid until the next call; the first id that is no token is an error. */
  decode(ids: ArrayLike<number>): Uint8Array {
    return this.runDecode(ids, false);
  }

  /** Text of the ids, as TextDecoder makes it from their bytes. */
  decodeText(ids: ArrayLike<number>): string {
    return decodeUtf8(this.runDecode(ids, true));
  }

  private runDecode(ids: ArrayLike<number>, text: boolean): Uint8Array {
    const vocab = this.vocab;
    const n = ids.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      const len = Number.isInteger(id) && id >= 0 ? vocab.idBytesLen(id) : 0;
      if (len === 0) throw invalidTokenId(id, i);
      total += len;
      if ((i + 1) % DECODE_BLOCK_IDS === 0) checkDecodedLength(total, text); // as the wasm engine, a block of ids at a time
    }
    checkDecodedLength(total, text);
    try {
      if (this.decoded.length < total) this.decoded = new Uint8Array(total);
    } catch (e) {
      if (e instanceof RangeError) outOfMemory(`decode ${n} ids`);
      throw e;
    }
    let at = 0;
    for (let i = 0; i < n; i++) {
      vocab.copyIdBytes(ids[i], this.decoded, at);
      at += vocab.idBytesLen(ids[i]);
    }
    return this.decoded.subarray(0, total);
  }

  tokenBytes(id: number): Uint8Array | undefined {
    if (!Number.isInteger(id) || id < 0 || id > this.maxTokenId) return undefined;
    return this.vocab.idBytesLen(id) ? this.vocab.idBytes(id).slice() : undefined;
  }

  /** Bytes of typed arrays this engine holds: its tables plus the largest call's scratch. */
  get memoryBytes(): number {
    return this.vocab.memoryBytes + this.encoder.memoryBytes + this.input.byteLength + this.decoded.byteLength + this.pieceTable.byteLength;
  }
}

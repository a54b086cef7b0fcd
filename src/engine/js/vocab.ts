// The vocabulary: the twin of assembly/vocab/ (tokens.ts, specials.ts) and of assembly/decode.ts's
// table. Tokens by merge rank, their output ids, an open-addressing table from token bytes to rank,
// and the id -> bytes table for decoding.
//
// Merge priority (rank) and output id are kept apart: tiktoken ranks are both, but GPT-2 and Hugging
// Face files number tokens differently from their merge order. Failures are the wasm engine's codes
// (ERR_VOCAB_*), turned into messages by src/engine/contract.ts.

import type { PackedVocab } from "../../vocab/file.js";
import { ERR_VOCAB_OFFSETS, ERR_VOCAB_DUPLICATE, ERR_VOCAB_MISSING_BYTE, ERR_VOCAB_DUPLICATE_ID, ERR_VOCAB_ID_RANGE, ERR_VOCAB_SPLIT, MAX_TOKEN_ID } from "../../abi.js";


// Ids index the decode table directly; this keeps it below 512 MB.

export const NO_RANK = 0xffffffff;

/**
 * Hash of a byte string. The wasm engine reads eight bytes at a time in 64-bit arithmetic; JS has no
 * fast 64-bit integers, so this is a 32-bit multiply-xorshift per byte (same role, same table).
 */
export function hashBytes(t: Uint8Array, p: number, len: number, split: number): number {
  let h = Math.imul(len + 1, 0x9e3779b1) ^ Math.imul(split, 0xc2b2ae3d);
  for (let i = 0; i < len; i++) h = Math.imul(h ^ t[p + i], 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

function bytesEqual(a: Uint8Array, p: number, b: Uint8Array, q: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (a[p + i] !== b[q + i]) return false;
  return true;
}

export interface SpecialTable {
  ids: Uint32Array;
  offsets: Uint32Array; // count + 1
  blob: Uint8Array;
}

export class Vocab {
  readonly tokenCount: number;
  readonly ids: Uint32Array; // output id of the token of each rank
  readonly offsets: Uint32Array; // byte offsets into the blob, tokenCount + 1
  readonly blob: Uint8Array; // token bytes in rank order
  // For a merge entry, the length of its left part; 0 for a whole token. In tiktoken mode every
  // entry is whole (a pair may merge when its bytes are a token); in merges mode (GPT-2 and Hugging
  // Face files, trained vocabularies) entry r is merge r - 256, and a pair merges only when some merge
  // has exactly its two parts.
  readonly leftLens: Uint32Array;
  readonly mergesMode: boolean;
  maxTokenLen = 0;

  // Two u32 per slot: hash tag, rank + 1 (0 is empty). Power-of-two capacity, load <= 0.5.
  private slots = new Uint32Array(0);
  private slotMask = 0;
  readonly byteRank = new Uint32Array(256); // rank of each single byte

  // Special tokens: matched in the text, never merged.
  specialCount = 0;
  specialIds: Uint32Array = new Uint32Array(0);
  specialOffsets: Uint32Array = new Uint32Array(1);
  specialBlob: Uint8Array = new Uint8Array(0);
  readonly specialFirstByte = new Uint8Array(256); // 1 when some special starts with the byte

  // Decoding: for every id up to maxId, where its bytes are in decodeBytes and how long (0 = not a token).
  maxId = 0;
  private decodeBytes = new Uint8Array(0); // the token blob, then the specials' bytes
  private decStart = new Uint32Array(0);
  private decLen = new Uint32Array(0);

  constructor(vocab: PackedVocab) {
    this.tokenCount = vocab.tokenCount;
    this.ids = vocab.ids.slice(0, vocab.tokenCount);
    this.offsets = vocab.offsets.slice(0, vocab.tokenCount + 1);
    this.blob = vocab.blob.slice();
    this.leftLens = vocab.leftLens ? vocab.leftLens.slice(0, vocab.tokenCount) : new Uint32Array(vocab.tokenCount);
    this.mergesMode = vocab.leftLens !== undefined;
  }

  tokenLen(rank: number): number {
    return this.offsets[rank + 1] - this.offsets[rank];
  }

  /** Rank of the whole token whose bytes are t[p, p + len), or NO_RANK; `h` is hashBytes(t, p, len, 0) if known. */
  lookupRank(t: Uint8Array, p: number, len: number, h?: number): number {
    return this.lookupEntry(t, p, len, 0, h);
  }

  /**
   * Rank at which the pair t[p, p + split) + t[p + split, p + len) merges, or NO_RANK: in tiktoken mode
   * the rank of the joined token, in merges mode the rank of the merge with exactly these parts.
   */
  pairRank(t: Uint8Array, p: number, len: number, split: number): number {
    return this.lookupEntry(t, p, len, this.mergesMode ? split : 0);
  }

  private lookupEntry(t: Uint8Array, p: number, len: number, split: number, hash?: number): number {
    if (len > this.maxTokenLen) return NO_RANK;
    const h = hash ?? hashBytes(t, p, len, split);
    const slots = this.slots;
    let i = h & this.slotMask;
    while (true) {
      const stored = slots[2 * i + 1];
      if (stored === 0) return NO_RANK;
      if (slots[2 * i] === h) {
        const rank = stored - 1;
        const start = this.offsets[rank];
        if (this.offsets[rank + 1] - start === len && this.leftLens[rank] === split && bytesEqual(t, p, this.blob, start, len)) return rank;
      }
      i = (i + 1) & this.slotMask;
    }
  }

  /** Checks the tables and builds the hash table; 0 or a negative error code (as assembly/vocab/tokens.ts). */
  build(): number {
    const { tokenCount, offsets, blob } = this;
    let prev = 0;
    if (offsets[0] !== 0) return ERR_VOCAB_OFFSETS;
    for (let r = 0; r < tokenCount; r++) {
      const end = offsets[r + 1];
      if (end <= prev || end > blob.length) return ERR_VOCAB_OFFSETS;
      const len = end - prev;
      if (len > this.maxTokenLen) this.maxTokenLen = len;
      if (this.leftLens[r] >= len) return ERR_VOCAB_SPLIT;
      if (this.ids[r] > this.maxId) this.maxId = this.ids[r];
      prev = end;
    }
    if (prev !== blob.length) return ERR_VOCAB_OFFSETS;

    let cap = 16;
    while (cap < tokenCount * 2) cap *= 2;
    this.slots = new Uint32Array(2 * cap);
    this.slotMask = cap - 1;
    for (let r = 0; r < tokenCount; r++) {
      const p = offsets[r];
      const len = this.tokenLen(r);
      const split = this.leftLens[r];
      if (this.lookupEntry(blob, p, len, split) !== NO_RANK) return ERR_VOCAB_DUPLICATE;
      const h = hashBytes(blob, p, len, split);
      let i = h & this.slotMask;
      while (this.slots[2 * i + 1] !== 0) i = (i + 1) & this.slotMask;
      this.slots[2 * i] = h;
      this.slots[2 * i + 1] = r + 1;
    }
    // Byte-level BPE needs every single byte as a token: merging starts from them.
    const one = new Uint8Array(1);
    for (let b = 0; b < 256; b++) {
      one[0] = b;
      const r = this.lookupRank(one, 0, 1);
      if (r === NO_RANK) return ERR_VOCAB_MISSING_BYTE;
      this.byteRank[b] = r;
    }
    return 0;
  }

  /** Validates the specials, then builds the decode table over all ids; 0 or an error code. */
  buildDecoder(specials: SpecialTable): number {
    const count = specials.ids.length;
    let prev = 0;
    for (let k = 0; k < count; k++) {
      const end = specials.offsets[k + 1];
      if (end <= prev) return ERR_VOCAB_OFFSETS;
      this.specialFirstByte[specials.blob[prev]] = 1;
      prev = end;
      if (specials.ids[k] > this.maxId) this.maxId = specials.ids[k];
    }
    this.specialCount = count;
    this.specialIds = specials.ids;
    this.specialOffsets = specials.offsets;
    this.specialBlob = specials.blob;
    if (this.maxId > MAX_TOKEN_ID) return ERR_VOCAB_ID_RANGE;
    const bytes = new Uint8Array(this.blob.length + specials.blob.length);
    bytes.set(this.blob);
    bytes.set(specials.blob, this.blob.length);
    const decStart = new Uint32Array(this.maxId + 1);
    const decLen = new Uint32Array(this.maxId + 1);
    for (let r = 0; r < this.tokenCount; r++) {
      const id = this.ids[r];
      const seen = decLen[id];
      if (seen !== 0) {
        // Two merges may make the same token (as in Hugging Face files); different bytes may not share an id.
        if (seen !== this.tokenLen(r) || !bytesEqual(bytes, decStart[id], this.blob, this.offsets[r], seen)) return ERR_VOCAB_DUPLICATE_ID;
        continue;
      }
      decStart[id] = this.offsets[r];
      decLen[id] = this.tokenLen(r);
    }
    // A special may not have a token's id, but it may have an earlier special's: decode gives the first.
    for (let k = 0; k < count; k++) if (decLen[specials.ids[k]] !== 0) return ERR_VOCAB_DUPLICATE_ID;
    for (let k = 0; k < count; k++) {
      const id = specials.ids[k];
      if (decLen[id] !== 0) continue;
      decStart[id] = this.blob.length + specials.offsets[k];
      decLen[id] = specials.offsets[k + 1] - specials.offsets[k];
    }
    this.decodeBytes = bytes;
    this.decStart = decStart;
    this.decLen = decLen;
    return 0;
  }

  /** Length of token `id`'s bytes (0 when the id is not a token). */
  idBytesLen(id: number): number {
    return id > this.maxId ? 0 : this.decLen[id];
  }

  /** Token `id`'s bytes, as a view (the id must be a token). */
  idBytes(id: number): Uint8Array {
    const start = this.decStart[id];
    return this.decodeBytes.subarray(start, start + this.decLen[id]);
  }

  /** Copies token `id`'s bytes (the id must be a token) into `out` at `at`. */
  copyIdBytes(id: number, out: Uint8Array, at: number): void {
    const start = this.decStart[id];
    out.set(this.decodeBytes.subarray(start, start + this.decLen[id]), at);
  }

  get memoryBytes(): number {
    return (
      this.ids.byteLength + this.offsets.byteLength + this.blob.byteLength + this.leftLens.byteLength + this.slots.byteLength +
      this.byteRank.byteLength + this.specialIds.byteLength + this.specialOffsets.byteLength + this.specialBlob.byteLength +
      this.decodeBytes.byteLength + this.decStart.byteLength + this.decLen.byteLength
    );
  }
}

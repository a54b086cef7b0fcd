// One encode call: the twin of assembly/encode/encoder.ts. Special tokens first (as tiktoken does), then the
// pattern scanner splits each ordinary segment into pieces, and each piece is looked up whole or merged.

import { nextPieceGpt2 } from "./scan-gpt2.js";
import { nextPieceCl100k, nextPieceCl100kSingleDigits } from "./scan-cl100k.js";
import { nextPieceO200k } from "./scan-o200k.js";
import { NO_RANK, hashBytes, type Vocab } from "./vocab.js";
import { PieceCache, CACHE_MAX_LEN, CACHE_MAX_IDS } from "./cache.js";
import { Merger } from "./merge.js";
import { Output } from "./output.js";
import type { PatternFamily } from "../../patterns.js";
import { PIECE_FLAG_ID, PIECE_FLAG_SKIP } from "../piece-table.js";
import { SPECIAL_ALLOWED, SPECIAL_DISALLOWED } from "../../abi.js";

type NextPiece = (t: Uint8Array, p: number, e: number) => number;
const SCANNERS: Record<PatternFamily, NextPiece> = { gpt2: nextPieceGpt2, cl100k: nextPieceCl100k, o200k: nextPieceO200k };

export class Encoder {
  readonly out = new Output();
  private readonly merger: Merger;
  private readonly cache = new PieceCache();
  private readonly emit = (id: number) => this.out.emit(id);
  private nextPiece: NextPiece;
  /** Hugging Face's `ignore_merges`: in merges mode too, a piece that is a token is that token. */
  wholePieceFirst = false;

  /** After a match by `findSpecial`: which special token, and how many bytes. */
  matchIndex = 0;
  private matchLength = 0;
  /** After a disallowed special token: its byte offset in the input. */
  errorOffset = 0;

  constructor(
    private readonly vocab: Vocab,
    private readonly pattern: PatternFamily,
  ) {
    this.merger = new Merger(vocab, this.out);
    this.nextPiece = SCANNERS[pattern];
  }

  /** Qwen's single-digit numbers, for the cl100k scanner (as assembly/scan/cl100k.ts setSingleDigits). */
  setSingleDigits(on: boolean): void {
    if (this.pattern === "cl100k") this.nextPiece = on ? nextPieceCl100kSingleDigits : nextPieceCl100k;
  }

  /** Leftmost (then longest) occurrence in t[from, e) of a special token whose role is `want`; or e. */
  private findSpecial(t: Uint8Array, from: number, e: number, roles: Uint8Array, want: number): number {
    const { specialFirstByte, specialCount, specialOffsets, specialBlob } = this.vocab;
    for (let i = from; i < e; i++) {
      if (specialFirstByte[t[i]] === 0) continue;
      let best = -1;
      let bestLen = 0;
      for (let k = 0; k < specialCount; k++) {
        if (roles[k] !== want) continue;
        const start = specialOffsets[k];
        const len = specialOffsets[k + 1] - start;
        if (len > bestLen && i + len <= e && sameBytes(t, i, specialBlob, start, len)) {
          best = k;
          bestLen = len;
        }
      }
      if (best >= 0) {
        this.matchIndex = best;
        this.matchLength = bestLen;
        return i;
      }
    }
    return e;
  }

  /** Emits the ids of one piece: from the piece cache when it is there (as assembly/encode/encoder.ts). */
  private encodePiece(t: Uint8Array, p: number, q: number): void {
    const len = q - p;
    const vocab = this.vocab;
    if (len === 1) {
      this.out.emit(vocab.ids[vocab.byteRank[t[p]]]);
      return;
    }
    if (len > CACHE_MAX_LEN) {
      this.encodeUncached(t, p, len);
      return;
    }
    const h = hashBytes(t, p, len, 0);
    if (this.cache.find(t, p, len, h, this.emit)) return;
    const before = this.out.count;
    this.encodeUncached(t, p, len, h);
    const n = this.out.count - before;
    if (n <= CACHE_MAX_IDS) this.cache.store(t, p, len, h, this.out.ids.subarray(before, before + n));
  }

  /** A piece of two or more bytes, not in the cache; h is its hash, when computed already. */
  private encodeUncached(t: Uint8Array, p: number, len: number, h?: number): void {
    const vocab = this.vocab;
    // A piece that is a token is that token, in tiktoken mode; merges mode merges (the wasm engine
    // first looks up the tokens it found reachable whole at loading, which gives the same ids), unless
    // ignore_merges makes every token whole.
    if (!vocab.mergesMode || this.wholePieceFirst) {
      const r = vocab.lookupRank(t, p, len, h);
      if (r !== NO_RANK) {
        this.out.emit(vocab.ids[r]);
        return;
      }
    }
    this.merger.mergePiece(t, p, len);
  }

  /** Encodes ordinary text t[p, e); the end of the segment acts as the end of the text. */
  private encodeSegment(t: Uint8Array, p: number, e: number): void {
    const nextPiece = this.nextPiece;
    while (p < e) {
      const q = nextPiece(t, p, e);
      this.encodePiece(t, p, q);
      p = q;
    }
  }

  /** Encodes t[0, e) into `out`; false when a disallowed special token is found (see errorOffset). */
  encodeText(t: Uint8Array, e: number, roles: Uint8Array): boolean {
    this.out.reset(e);
    if (roles.includes(SPECIAL_DISALLOWED)) {
      const at = this.findSpecial(t, 0, e, roles, SPECIAL_DISALLOWED);
      if (at < e) {
        this.errorOffset = at;
        return false;
      }
    }
    let s = 0;
    if (roles.includes(SPECIAL_ALLOWED)) {
      while (s < e) {
        const at = this.findSpecial(t, s, e, roles, SPECIAL_ALLOWED);
        if (at === e) break;
        this.encodeSegment(t, s, at);
        this.out.emit(this.vocab.specialIds[this.matchIndex]);
        s = at + this.matchLength;
      }
    }
    this.encodeSegment(t, s, e);
    return true;
  }

  /**
   * Encodes t[0, e) cut by the host: the twin of assembly/encode/pieces.ts (see src/engine/piece-table.ts for the
   * entries). False if the table is inconsistent, which the host's writer never makes.
   */
  encodePieces(t: Uint8Array, e: number, table: Uint32Array, count: number): boolean {
    this.out.reset(e + count);
    let start = 0;
    for (let i = 0; i < count; i++) {
      const entry = table[i];
      if ((entry & PIECE_FLAG_ID) !== 0) {
        this.out.emit((entry & ~PIECE_FLAG_ID) >>> 0);
        continue;
      }
      if ((entry & PIECE_FLAG_SKIP) !== 0) {
        const to = entry & ~PIECE_FLAG_SKIP;
        if (to < start || to > e) return false;
        start = to;
        continue;
      }
      if (entry <= start || entry > e) return false;
      this.encodePiece(t, start, entry);
      start = entry;
    }
    return true;
  }

  get memoryBytes(): number {
    return this.out.ids.byteLength + this.merger.memoryBytes + this.cache.memoryBytes;
  }
}

function sameBytes(a: Uint8Array, p: number, b: Uint8Array, q: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (a[p + i] !== b[q + i]) return false;
  return true;
}

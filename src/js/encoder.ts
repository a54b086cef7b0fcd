// One encode call: the twin of assembly/encoder.ts. Special tokens first (as tiktoken does), then the
// pattern scanner splits each ordinary segment into pieces, and each piece is looked up whole or merged.

import { nextPieceGpt2 } from "./scan-gpt2.js";
import { nextPieceCl100k } from "./scan-cl100k.js";
import { nextPieceO200k } from "./scan-o200k.js";
import { NO_RANK, type Vocab } from "./vocab.js";
import { Merger } from "./merge.js";
import { Output } from "./output.js";
import type { PatternFamily } from "../encodings/registry.js";

// What the host says each special token is for this call (as in src/engine.ts).
const SPECIAL_ALLOWED = 1;
const SPECIAL_DISALLOWED = 2;

type NextPiece = (t: Uint8Array, p: number, e: number) => number;
const SCANNERS: Record<PatternFamily, NextPiece> = { gpt2: nextPieceGpt2, cl100k: nextPieceCl100k, o200k: nextPieceO200k };

export class Encoder {
  readonly out = new Output();
  private readonly merger: Merger;
  private readonly nextPiece: NextPiece;

  /** After a match by `findSpecial`: which special token, and how many bytes. */
  matchIndex = 0;
  private matchLength = 0;
  /** After a disallowed special token: its byte offset in the input. */
  errorOffset = 0;

  constructor(
    private readonly vocab: Vocab,
    pattern: PatternFamily,
  ) {
    this.merger = new Merger(vocab, this.out);
    this.nextPiece = SCANNERS[pattern];
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

  /** Emits the ids of one piece. */
  private encodePiece(t: Uint8Array, p: number, q: number): void {
    const len = q - p;
    const vocab = this.vocab;
    if (len === 1) {
      this.out.emit(vocab.ids[vocab.byteRank[t[p]]]);
      return;
    }
    // A piece that is a token is that token, in tiktoken mode; merges mode always merges (a token
    // reachable only by other merges would be wrong there).
    if (!vocab.mergesMode) {
      const r = vocab.lookupRank(t, p, len);
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

  get memoryBytes(): number {
    return this.out.ids.byteLength + this.merger.memoryBytes;
  }
}

function sameBytes(a: Uint8Array, p: number, b: Uint8Array, q: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (a[p + i] !== b[q + i]) return false;
  return true;
}

// Byte-pair merging of one piece that is not itself a token: the twin of assembly/encode/merge.ts. The rule
// (tiktoken's): repeatedly merge the adjacent pair whose concatenated bytes have the lowest rank,
// leftmost on ties. In merges mode (vocab.ts) a pair's rank is that of the merge with exactly its two
// parts.
//
// Short pieces (the common case) use a flat scan over at most SHORT_MAX parts: quadratic, but on tiny
// arrays it beats anything cleverer. Long pieces use a linked list of parts and a min-heap of
// candidate pairs keyed by (rank, start), with stale entries skipped on pop: O(n log n) at worst.

import { NO_RANK, type Vocab } from "./vocab.js";
import type { Output } from "./output.js";

const SHORT_MAX = 64;

export class Merger {
  // Short pieces: part starts (relative to the piece), the rank of each adjacent pair, of each part.
  private readonly shortStarts = new Uint32Array(SHORT_MAX + 1);
  private readonly shortPairRank = new Uint32Array(SHORT_MAX);
  private readonly shortPartRank = new Uint32Array(SHORT_MAX);

  // Long pieces, indexed by byte position within the piece; a part is named by its start. Grown to
  // the longest piece seen and reused, as the wasm engine reuses its scratch memory.
  private next = new Uint32Array(0); // start of the next part (len at the end); 0 marks a merged-away part
  private prev = new Uint32Array(0); // start of the previous part
  private rank = new Uint32Array(0); // rank of the part starting here
  // The heap: the wasm engine keys entries by one u64, (rank << 32) | start; here two u32 arrays
  // compared in that order. heapEnd: end of the pair's second part, to recognise stale entries.
  private heapRank = new Uint32Array(0);
  private heapStart = new Uint32Array(0);
  private heapEnd = new Uint32Array(0);
  private heapSize = 0;

  constructor(
    private readonly vocab: Vocab,
    private readonly out: Output,
  ) {}

  /** Merges the piece t[p, p + len) (len >= 2) and emits its ids. */
  mergePiece(t: Uint8Array, p: number, len: number): void {
    if (len <= SHORT_MAX) this.mergeShort(t, p, len);
    else this.mergeLong(t, p, len);
  }

  private mergeShort(t: Uint8Array, p: number, len: number): void {
    const { vocab, shortStarts: st, shortPairRank: pairRank, shortPartRank: partRank } = this;
    let n = len; // number of parts
    for (let i = 0; i <= len; i++) st[i] = i;
    for (let i = 0; i < len; i++) {
      partRank[i] = vocab.byteRank[t[p + i]];
      if (i + 1 < len) pairRank[i] = vocab.pairRank(t, p + i, 2, 1);
    }
    while (n > 1) {
      let best = NO_RANK;
      let at = 0;
      for (let i = 0; i + 1 < n; i++) {
        if (pairRank[i] < best) {
          best = pairRank[i];
          at = i;
        }
      }
      if (best === NO_RANK) break;
      // Part at+1 joins part at: drop its start and its pair slot.
      partRank[at] = best;
      for (let i = at + 1; i < n; i++) {
        st[i] = st[i + 1];
        partRank[i] = partRank[i + 1];
        if (i + 1 < n) pairRank[i] = pairRank[i + 1];
      }
      n--;
      if (at + 1 < n) pairRank[at] = vocab.pairRank(t, p + st[at], st[at + 2] - st[at], st[at + 1] - st[at]);
      if (at > 0) pairRank[at - 1] = vocab.pairRank(t, p + st[at - 1], st[at + 1] - st[at - 1], st[at] - st[at - 1]);
    }
    for (let i = 0; i < n; i++) this.out.emit(vocab.ids[partRank[i]]);
  }

  private heapPush(rank: number, start: number, end: number): void {
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(rank, start, this.heapRank[parent], this.heapStart[parent])) break;
      this.moveEntry(i, parent);
      i = parent;
    }
    this.setEntry(i, rank, start, end);
  }

  /** Removes the top entry (read it before calling). */
  private heapPop(): void {
    const { heapRank, heapStart, heapEnd } = this;
    const n = --this.heapSize;
    if (n === 0) return;
    const rank = heapRank[n];
    const start = heapStart[n];
    const end = heapEnd[n];
    let i = 0;
    while (true) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && before(heapRank[c + 1], heapStart[c + 1], heapRank[c], heapStart[c])) c++;
      if (!before(heapRank[c], heapStart[c], rank, start)) break;
      this.moveEntry(i, c);
      i = c;
    }
    this.setEntry(i, rank, start, end);
  }

  private moveEntry(to: number, from: number): void {
    this.heapRank[to] = this.heapRank[from];
    this.heapStart[to] = this.heapStart[from];
    this.heapEnd[to] = this.heapEnd[from];
  }

  private setEntry(i: number, rank: number, start: number, end: number): void {
    this.heapRank[i] = rank;
    this.heapStart[i] = start;
    this.heapEnd[i] = end;
  }

  private pushPair(t: Uint8Array, p: number, start: number, mid: number, end: number): void {
    const r = this.vocab.pairRank(t, p + start, end - start, mid - start);
    if (r !== NO_RANK) this.heapPush(r, start, end);
  }

  private reserveLong(len: number): void {
    if (this.next.length > len) return;
    // Every merge adds at most two entries to the heap, on top of the len - 1 initial pairs.
    const cap = 3 * len;
    this.next = new Uint32Array(len + 1);
    this.prev = new Uint32Array(len + 1);
    this.rank = new Uint32Array(len + 1);
    this.heapRank = new Uint32Array(cap);
    this.heapStart = new Uint32Array(cap);
    this.heapEnd = new Uint32Array(cap);
  }

  private mergeLong(t: Uint8Array, p: number, len: number): void {
    this.reserveLong(len);
    const { vocab, next, prev, rank } = this;
    this.heapSize = 0;
    for (let i = 0; i < len; i++) {
      next[i] = i + 1;
      prev[i] = i - 1;
      rank[i] = vocab.byteRank[t[p + i]];
    }
    for (let i = 0; i + 1 < len; i++) this.pushPair(t, p, i, i + 1, i + 2);
    const n = len;
    while (this.heapSize > 0) {
      const r = this.heapRank[0];
      const s = this.heapStart[0];
      const end = this.heapEnd[0];
      this.heapPop();
      const m = next[s];
      // Stale unless part s is alive, has a successor, and that successor still ends at `end`.
      if (m === 0 || m >= n || next[m] !== end) continue;
      next[s] = end;
      next[m] = 0;
      rank[s] = r;
      if (end < n) {
        prev[end] = s;
        this.pushPair(t, p, s, end, next[end]);
      }
      if (s > 0) this.pushPair(t, p, prev[s], s, end);
    }
    for (let i = 0; i < n; i = next[i]) this.out.emit(vocab.ids[rank[i]]);
  }

  get memoryBytes(): number {
    return (this.next.byteLength + this.prev.byteLength + this.rank.byteLength) + this.heapRank.byteLength * 3 + 3 * 4 * SHORT_MAX;
  }
}

/** Heap order: the lower rank first, then the leftmost. */
function before(rankA: number, startA: number, rankB: number, startB: number): boolean {
  return rankA < rankB || (rankA === rankB && startA < startB);
}

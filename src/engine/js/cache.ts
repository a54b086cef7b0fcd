// The piece cache: the twin of assembly/encode/cache.ts. The ids of recently encoded short pieces, in front of
// the vocabulary table and the merge loop (natural text repeats its words). Direct-mapped: a piece's
// hash picks one entry and a new piece overwrites it. The key is the piece's bytes, compared in full,
// so a hit is always right; the cache depends only on the vocabulary, so it is never stale. Fixed size.

const ENTRIES = 16384;
/** Longest piece kept, in bytes. */
export const CACHE_MAX_LEN = 24;
/** Most ids kept for one piece. */
export const CACHE_MAX_IDS = 6;

export class PieceCache {
  private readonly hashes = new Uint32Array(ENTRIES);
  private readonly lengths = new Uint8Array(ENTRIES); // 0: empty
  private readonly counts = new Uint8Array(ENTRIES);
  private readonly bytes = new Uint8Array(ENTRIES * CACHE_MAX_LEN);
  private readonly ids = new Uint32Array(ENTRIES * CACHE_MAX_IDS);

  private static entryOf(h: number): number {
    return (h >>> 10) & (ENTRIES - 1);
  }

  /** Emits the cached ids of piece t[p, p + len) with hash h through `emit`; false on a miss. */
  find(t: Uint8Array, p: number, len: number, h: number, emit: (id: number) => void): boolean {
    const e = PieceCache.entryOf(h);
    if (this.hashes[e] !== h || this.lengths[e] !== len) return false;
    const at = e * CACHE_MAX_LEN;
    for (let i = 0; i < len; i++) if (this.bytes[at + i] !== t[p + i]) return false;
    const from = e * CACHE_MAX_IDS;
    for (let i = 0, n = this.counts[e]; i < n; i++) emit(this.ids[from + i]);
    return true;
  }

  /** Keeps `ids` for piece t[p, p + len) (callers check len and the id count against the maxima). */
  store(t: Uint8Array, p: number, len: number, h: number, ids: Uint32Array): void {
    const e = PieceCache.entryOf(h);
    this.hashes[e] = h;
    this.lengths[e] = len;
    this.counts[e] = ids.length;
    this.bytes.set(t.subarray(p, p + len), e * CACHE_MAX_LEN);
    this.ids.set(ids, e * CACHE_MAX_IDS);
  }

  get memoryBytes(): number {
    return this.hashes.byteLength + this.lengths.byteLength + this.counts.byteLength + this.bytes.byteLength + this.ids.byteLength;
  }
}

// Growable arrays of power-of-two-sized elements in 64 KB chunks from the pool. Growing never copies
// and frees nothing (a Vec that doubles gives back blocks no later array of its size may want), and
// every chunk is of one size class, so the pool can cut them from any block given back (pool.ts).
// The trainer's largest table, the pairs' word lists, is kept this way. The price is one load from the
// chunk table per access (small, it stays in cache); for the pairs themselves, which the merge loop's
// heap reads on every comparison, that price was too high (docs/performance.md, section 15).

import { poolAlloc, poolFree } from "./pool";

// @ts-ignore: decorator
@inline const CHUNK_SHIFT: u32 = 16;

@unmanaged
export class Chunked {
  table: usize; // u32 addresses of the chunks
  tableCapacity: u32;
  length: u32;
  elemShift: u32; // log2 of the element size
  perChunkShift: u32; // log2 of the elements per chunk
}

const headers = memory.data(offsetof<Chunked>() * 4); // room for the trainer's chunked arrays
let headerCount: u32 = 0;

/** A new empty array of elements of 1 << elemShift bytes. */
export function chunkedNew(elemShift: u32): Chunked {
  const c = changetype<Chunked>(headers + <usize>headerCount * offsetof<Chunked>());
  headerCount++;
  c.table = 0;
  c.tableCapacity = 0;
  c.length = 0;
  c.elemShift = elemShift;
  c.perChunkShift = CHUNK_SHIFT - elemShift;
  return c;
}

/** Forgets every chunked array (a new training run starts from scratch). */
export function chunkedResetAll(): void {
  headerCount = 0;
}

/** Address of element i. */
// @ts-ignore: decorator
@inline export function chunkedAt(c: Chunked, i: u32): usize {
  const chunk = <usize>load<u32>(c.table + (<usize>(i >> c.perChunkShift) << 2));
  return chunk + (<usize>(i & ((<u32>1 << c.perChunkShift) - 1)) << c.elemShift);
}

/** Adds one element at the end (contents undefined) and returns where it is; 0 when memory cannot grow. */
export function chunkedPush(c: Chunked): usize {
  const i = c.length;
  if ((i & ((<u32>1 << c.perChunkShift) - 1)) == 0) {
    const k = i >> c.perChunkShift;
    if (k == c.tableCapacity) {
      const capacity = k < 16 ? <u32>16 : k << 1;
      const table = poolAlloc(<usize>capacity << 2);
      if (table == 0) return 0;
      if (c.table != 0) {
        memory.copy(table, c.table, <usize>k << 2);
        poolFree(c.table, <usize>c.tableCapacity << 2);
      }
      c.table = table;
      c.tableCapacity = capacity;
    }
    const chunk = poolAlloc(<usize>1 << CHUNK_SHIFT);
    if (chunk == 0) return 0;
    store<u32>(c.table + (<usize>k << 2), <u32>chunk);
  }
  c.length = i + 1;
  return chunkedAt(c, i);
}

/**
 * Writes c's bytes in use (less `unused` elements the caller keeps for reuse) and bytes held (u32
 * each) at out, as vecMemory does; the next place.
 */
export function chunkedMemory(c: Chunked, unused: u32, out: usize): usize {
  const chunks = (c.length + (<u32>1 << c.perChunkShift) - 1) >> c.perChunkShift;
  store<u32>(out, (c.length - unused) << c.elemShift);
  store<u32>(out, (chunks << CHUNK_SHIFT) + (c.tableCapacity << 2), 4);
  return out + 8;
}

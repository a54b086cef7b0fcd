// A binary heap of (key, item) entries in a Vec, the entry that an order ranks highest on top. The
// order is a class without fields whose `above(keyA, itemA, keyB, itemB)` compares two entries; the
// heap is generic over it, so the comparison is inlined (the trainer ranks pairs by count, then by
// their tokens' bytes). Entries are compared only through the order, so equal entries keep the
// positions this push and pop give them: the trainer's ties depend on it.
//
// encode/merge.ts keeps its own heap: 4-ary, of plain u64 keys, the smallest on top, on the merge
// loop's hot path for long pieces.

import { Vec, vecExtend, at } from "./vec";

@unmanaged
export class HeapEntry {
  key: i64;
  item: u32;
}

/** Bytes per entry in the Vec: 16, so that every key is 8-aligned. */
// @ts-ignore: decorator
@inline export const HEAP_ENTRY_SIZE: u32 = 16;

/** The entry on top (the heap is not empty). */
// @ts-ignore: decorator
@inline export function heapTop(heap: Vec): HeapEntry {
  return changetype<HeapEntry>(heap.data);
}

// @ts-ignore: decorator
@inline function entry(heap: Vec, i: u32): HeapEntry {
  return changetype<HeapEntry>(at(heap, i));
}

/** Adds (key, item); false when memory cannot grow. */
export function heapPush<O>(heap: Vec, key: i64, item: u32, order: O): bool {
  if (vecExtend(heap, 1) == 0) return false;
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const pe = entry(heap, parent);
    if (!order.above(key, item, pe.key, pe.item)) break;
    const ie = entry(heap, i);
    ie.key = pe.key;
    ie.item = pe.item;
    i = parent;
  }
  const e = entry(heap, i);
  e.key = key;
  e.item = item;
  return true;
}

/** Removes the top entry (read it before calling). */
export function heapPop<O>(heap: Vec, order: O): void {
  const n = --heap.length;
  if (n == 0) return;
  const last = entry(heap, n);
  const key = last.key;
  const item = last.item;
  let i: u32 = 0;
  while (true) {
    let c: u32 = 2 * i + 1;
    if (c >= n) break;
    let ce = entry(heap, c);
    if (c + 1 < n) {
      const re = entry(heap, c + 1);
      if (order.above(re.key, re.item, ce.key, ce.item)) {
        c++;
        ce = re;
      }
    }
    if (!order.above(ce.key, ce.item, key, item)) break;
    const ie = entry(heap, i);
    ie.key = ce.key;
    ie.item = ce.item;
    i = c;
  }
  const e = entry(heap, i);
  e.key = key;
  e.item = item;
}

// Memory for a trainer instance: power-of-two blocks from a bump region, with one free list per size
// class, so the trainer's growing arrays can give back the block they outgrow and a later array of
// that size, or a smaller one cut from it, reuses it (blocks never join again). A trainer instance
// never loads a vocabulary, so it owns all memory above the static data (claimed from arena.ts, which
// then refuses vocabulary loading).

import { ensureMemory, align16, MEMORY_LIMIT } from "./arena";

const CLASSES: u32 = 32;
const freeHeads = memory.data(CLASSES * 4); // u32: first free block of each class, 0 = none

let top: usize = 0;

export function poolInit(base: usize): void {
  top = align16(base);
  memory.fill(freeHeads, 0, CLASSES * 4);
}

/** Size class: log2 of the block size, at least 16 bytes. */
// @ts-ignore: decorator
@inline function classOf(bytes: usize): u32 {
  return bytes <= 16 ? 4 : 32 - <u32>clz(<u32>(bytes - 1));
}

/** A block of at least `bytes` (contents undefined), or 0 when memory cannot grow. */
export function poolAlloc(bytes: usize): usize {
  if (bytes > 0x40000000) return 0;
  const c = classOf(bytes);
  const head = load<u32>(freeHeads + (c << 2));
  if (head != 0) {
    store<u32>(freeHeads + (c << 2), load<u32>(head));
    return head;
  }
  // Cut the smallest larger block given back: keep its first 1 << c bytes, and give back the rest as
  // one block of each class from c up (a grown array's old blocks end up as chunks, chunked.ts).
  for (let d = c + 1; d < CLASSES; d++) {
    const big = load<u32>(freeHeads + (d << 2));
    if (big == 0) continue;
    store<u32>(freeHeads + (d << 2), load<u32>(big));
    for (let k = c; k < d; k++) poolFree(big + (<usize>1 << k), <usize>1 << k);
    return big;
  }
  const ptr = top;
  if (<u64>ptr + (<u64>1 << c) + 64 > MEMORY_LIMIT) return 0;
  const end = ptr + (<usize>1 << c);
  // 16 spare bytes past every block: hashing reads eight bytes at a time.
  if (!ensureMemory(end + 16)) return 0;
  top = end;
  return ptr;
}

/**
 * Exactly `bytes` (16-aligned; contents undefined) that are never given back, or 0 when memory
 * cannot grow: for a trainer's tables whose size is known once (an instance trains once).
 */
export function poolAllocExact(bytes: usize): usize {
  const ptr = top;
  const size = align16(bytes);
  if (<u64>ptr + <u64>size + 64 > MEMORY_LIMIT) return 0;
  if (!ensureMemory(ptr + size + 16)) return 0;
  top = ptr + size;
  return ptr;
}

/** Gives back a block obtained with the same `bytes`. */
export function poolFree(ptr: usize, bytes: usize): void {
  if (ptr == 0) return;
  const c = classOf(bytes);
  store<u32>(ptr, load<u32>(freeHeads + (c << 2)));
  store<u32>(freeHeads + (c << 2), <u32>ptr);
}

/** The high-water mark: bytes of linear memory the pool has used. */
export function poolTop(): usize {
  return top;
}

/** Bytes in the free lists: blocks given back and not yet reused. */
export function poolFreeBytes(): usize {
  let total: usize = 0;
  for (let c: u32 = 0; c < CLASSES; c++) {
    let b = load<u32>(freeHeads + (c << 2));
    while (b != 0) {
      total += <usize>1 << c;
      b = load<u32>(b);
    }
  }
  return total;
}

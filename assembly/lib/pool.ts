// Memory for a trainer instance: power-of-two blocks from a bump region, with one free list per size
// class, so the trainer's growing arrays can give back the block they outgrow and a later array of
// that size reuses it. A trainer instance never loads a vocabulary, so it owns all memory above the
// static data (claimed from arena.ts, which then refuses vocabulary loading).

import { ensureMemory, align16, MEMORY_LIMIT } from "./arena";

const CLASSES = 32;
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
  const ptr = top;
  if (<u64>ptr + (<u64>1 << c) + 64 > MEMORY_LIMIT) return 0;
  const end = ptr + (<usize>1 << c);
  // 16 spare bytes past every block: hashing reads eight bytes at a time.
  if (!ensureMemory(end + 16)) return 0;
  top = end;
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

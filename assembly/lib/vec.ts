// Growable arrays of fixed-size elements in pool memory. A Vec header is an unmanaged record (no
// runtime objects exist in this module); growth doubles the capacity and returns the old block to
// the pool. An array of a size known once (vecFixed) takes exactly that, and cannot grow. Every
// growing call returns false when memory cannot grow, and the caller reports it.

import { poolAlloc, poolAllocExact, poolFree } from "./pool";

@unmanaged
export class Vec {
  data: usize;
  length: u32;
  capacity: u32;
  elemSize: u32;
  fixed: u32; // 1: made by vecFixed, never grows
}

const headers = memory.data(offsetof<Vec>() * 32); // room for the trainer's vectors
let headerCount: u32 = 0;

export function vecNew(elemSize: u32): Vec {
  const v = changetype<Vec>(headers + <usize>headerCount * offsetof<Vec>());
  headerCount++;
  v.data = 0;
  v.length = 0;
  v.capacity = 0;
  v.elemSize = elemSize;
  v.fixed = 0;
  return v;
}

/**
 * Makes the empty v hold exactly n elements (contents undefined), in memory that is never given
 * back: for arrays whose size is known once and for all; false when memory cannot grow.
 */
export function vecFixed(v: Vec, n: u32): bool {
  const data = poolAllocExact(<usize>n * v.elemSize);
  if (data == 0) return false;
  v.data = data;
  v.length = n;
  v.capacity = n;
  v.fixed = 1;
  return true;
}

/** Forgets every vector (a new training run starts from scratch). */
export function vecResetAll(): void {
  headerCount = 0;
}

/** Makes room for `n` elements in all; false when memory cannot grow. */
export function vecReserve(v: Vec, n: u32): bool {
  if (n <= v.capacity) return true;
  if (v.fixed != 0) return false;
  let cap = v.capacity < 16 ? <u32>16 : v.capacity;
  while (cap < n) {
    if (cap >= 0x40000000) return false;
    cap <<= 1;
  }
  const bytes = <usize>cap * v.elemSize;
  const data = poolAlloc(bytes);
  if (data == 0) return false;
  if (v.data != 0) {
    memory.copy(data, v.data, <usize>v.length * v.elemSize);
    poolFree(v.data, <usize>v.capacity * v.elemSize);
  }
  v.data = data;
  v.capacity = cap;
  return true;
}

/** Adds `n` elements at the end (contents undefined) and returns where the first is; 0 on failure. */
export function vecExtend(v: Vec, n: u32): usize {
  if (!vecReserve(v, v.length + n)) return 0;
  const at = v.data + <usize>v.length * v.elemSize;
  v.length += n;
  return at;
}

/** Address of element i. */
// @ts-ignore: decorator
@inline export function at(v: Vec, i: u32): usize {
  return v.data + <usize>i * v.elemSize;
}

/** Writes v's bytes in use and bytes held (u32 each) at out; returns the next place to write. */
export function vecMemory(v: Vec, out: usize): usize {
  store<u32>(out, v.length * v.elemSize);
  store<u32>(out, v.capacity * v.elemSize, 4);
  return out + 8;
}

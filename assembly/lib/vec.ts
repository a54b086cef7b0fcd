// Growable arrays of fixed-size elements in pool memory. A Vec header is an unmanaged record (no
// runtime objects exist in this module); growth doubles the capacity and returns the old block to
// the pool. Every growing call returns false when memory cannot grow, and the caller reports it.

import { poolAlloc, poolFree } from "./pool";

@unmanaged
export class Vec {
  data: usize;
  length: u32;
  capacity: u32;
  elemSize: u32;
}

const headers = memory.data(16 * 32); // room for the trainer's vectors
let headerCount: u32 = 0;

export function vecNew(elemSize: u32): Vec {
  const v = changetype<Vec>(headers + (<usize>headerCount << 4));
  headerCount++;
  v.data = 0;
  v.length = 0;
  v.capacity = 0;
  v.elemSize = elemSize;
  return v;
}

/** Forgets every vector (a new training run starts from scratch). */
export function vecResetAll(): void {
  headerCount = 0;
}

/** Makes room for `n` elements in all; false when memory cannot grow. */
export function vecReserve(v: Vec, n: u32): bool {
  if (n <= v.capacity) return true;
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

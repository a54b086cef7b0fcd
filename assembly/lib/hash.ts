// Hash of a byte string, read eight bytes at a time. Regions that are hashed always have at least
// eight readable bytes after their end (see arena.ts), so the tail load never leaves memory.

// @ts-ignore: decorator
@inline const K1: u64 = 0x9E3779B97F4A7C15;
// @ts-ignore: decorator
@inline const K2: u64 = 0xFF51AFD7ED558CCD;

export function hashBytes(p: usize, len: usize): u64 {
  let h: u64 = (<u64>len + 1) * K1;
  let i: usize = 0;
  while (i + 8 <= len) {
    h = (h ^ load<u64>(p + i)) * K2;
    h ^= h >> 31;
    i += 8;
  }
  if (i < len) {
    const tail = load<u64>(p + i) & ((<u64>1 << (<u64>(len - i) << 3)) - 1);
    h = (h ^ tail) * K2;
    h ^= h >> 31;
  }
  h *= K1;
  return h ^ (h >> 29);
}

/** Byte equality of two regions of the same length (both padded as above). */
export function bytesEqual(a: usize, b: usize, len: usize): bool {
  let i: usize = 0;
  while (i + 8 <= len) {
    if (load<u64>(a + i) != load<u64>(b + i)) return false;
    i += 8;
  }
  if (i < len) {
    const mask = (<u64>1 << (<u64>(len - i) << 3)) - 1;
    if (((load<u64>(a + i) ^ load<u64>(b + i)) & mask) != 0) return false;
  }
  return true;
}

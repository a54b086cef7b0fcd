// UTF-8 validity of bytes the host wrote itself (encodeUtf8): the scanners step over characters
// assuming well-formed UTF-8, so bytes from a file are checked first. Well-formed as the Unicode
// standard's table 3-7 has it: no overlong forms, no surrogates, nothing above U+10FFFF, no cut sequence.

// @ts-ignore: decorator
@inline const HIGH_BITS: u64 = 0x8080808080808080;

// @ts-ignore: decorator
@inline function isContinuation(b: u32): bool {
  return (b & 0xC0) == 0x80;
}

/** Whether [p, e) is well-formed UTF-8. */
export function isUtf8(p: usize, e: usize): bool {
  while (p < e) {
    // Eight ASCII bytes at a time, the common case of text.
    if (p + 8 <= e && (load<u64>(p) & HIGH_BITS) == 0) {
      p += 8;
      continue;
    }
    const b = <u32>load<u8>(p);
    if (b < 0x80) {
      p++;
      continue;
    }
    if (b < 0xC2 || b > 0xF4) return false; // a continuation byte, an overlong lead, or past U+10FFFF
    const n: usize = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (p + n > e) return false;
    const c1 = <u32>load<u8>(p, 1);
    if (!isContinuation(c1)) return false;
    // The second byte's range for the leads that forbid overlong forms, surrogates and > U+10FFFF.
    if (b == 0xE0 && c1 < 0xA0) return false;
    if (b == 0xED && c1 > 0x9F) return false;
    if (b == 0xF0 && c1 < 0x90) return false;
    if (b == 0xF4 && c1 > 0x8F) return false;
    if (n >= 3 && !isContinuation(<u32>load<u8>(p, 2))) return false;
    if (n == 4 && !isContinuation(<u32>load<u8>(p, 3))) return false;
    p += n;
  }
  return true;
}

// UTF-8 to UTF-16, as the WHATWG decoder (TextDecoder) does it: each maximal subpart of an invalid
// sequence becomes one U+FFFD; overlongs, surrogate code points (ED A0..BF) and code points above
// U+10FFFF are invalid. Decoded text crosses to the host as UTF-16 because a utf-16le TextDecoder
// makes the string 2-4x faster than the UTF-8 one does from non-ASCII bytes.

/** True when none of the `len` bytes at `p` has its high bit set; `p + len` must be followed by 8 zero bytes. */
export function isAscii(p: usize, len: usize): bool {
  const end = p + len;
  for (; p < end; p += 8) {
    if ((load<u64>(p) & 0x8080808080808080) != 0) return false;
  }
  return true;
}

/** Four ASCII bytes in the low half of `x` as four UTF-16 units. */
// @ts-ignore: decorator
@inline function widen(x: u64): u64 {
  x = (x | (x << 16)) & 0x0000FFFF0000FFFF;
  return (x | (x << 8)) & 0x00FF00FF00FF00FF;
}

/**
 * Writes the UTF-16 units of the `len` bytes of UTF-8 at `src` to `dst`; returns their number. No
 * sequence makes more units than it has bytes, and up to 16 bytes past the last unit are written. Reads
 * up to 8 bytes past the end, which must be zero: ASCII, and not continuation bytes, so a sequence
 * cut at the end is one U+FFFD.
 */
export function utf8ToUtf16(src: usize, len: usize, dst: usize): usize {
  const end = src + len;
  let p = src;
  let o = dst;
  while (p < end) {
    // Eight bytes widened at once; the ones before the first non-ASCII byte are kept.
    const w = load<u64>(p);
    store<u64>(o, widen(w & 0xFFFFFFFF));
    store<u64>(o, widen(w >> 32), 8);
    const high = w & 0x8080808080808080;
    if (high == 0) {
      p += 8;
      o += 16;
      continue;
    }
    const ascii = <usize>(ctz(high) >> 3);
    p += ascii;
    o += ascii << 1;
    // Then sequences up to the next ASCII byte; the two- and three-byte ones that are valid first.
    do {
      const b0 = <u32>load<u8>(p);
      const b1 = <u32>load<u8>(p, 1);
      const b2 = <u32>load<u8>(p, 2);
      if (b0 < 0xE0) {
        if (b0 >= 0xC2 && (b1 & 0xC0) == 0x80) {
          store<u16>(o, ((b0 & 0x1F) << 6) | (b1 & 0x3F));
          p += 2;
          o += 2;
          continue;
        }
      } else if (b0 < 0xF0 && b0 != 0xE0 && b0 != 0xED && ((b1 | (b2 << 8)) & 0xC0C0) == 0x8080) {
        store<u16>(o, ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F));
        p += 3;
        o += 2;
        continue;
      }
      let cp: u32 = 0xFFFD;
      let used: usize = 1; // bytes taken; a byte that breaks a sequence is read again as a lead
      if (b0 >= 0xE0 && b0 <= 0xF4) {
        // The second byte's range excludes overlongs (E0, F0), surrogates (ED) and > U+10FFFF (F4).
        const lo: u32 = b0 == 0xE0 ? 0xA0 : b0 == 0xF0 ? 0x90 : 0x80;
        const hi: u32 = b0 == 0xED ? 0x9F : b0 == 0xF4 ? 0x8F : 0xBF;
        if (b1 >= lo && b1 <= hi) {
          if ((b2 & 0xC0) != 0x80) {
            used = 2;
          } else if (b0 < 0xF0) {
            cp = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
            used = 3;
          } else {
            const b3 = <u32>load<u8>(p, 3);
            if ((b3 & 0xC0) != 0x80) {
              used = 3;
            } else {
              cp = ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
              used = 4;
            }
          }
        }
      }
      if (cp >= 0x10000) {
        cp -= 0x10000;
        store<u16>(o, 0xD800 | (cp >> 10));
        store<u16>(o, 0xDC00 | (cp & 0x3FF), 2);
        o += 4;
      } else {
        store<u16>(o, cp);
        o += 2;
      }
      p += used;
    } while (load<u8>(p) >= 0x80); // the zero bytes past the end stop it there
  }
  // The last eight bytes may have run past the end into the zeros.
  if (p > end) o -= (p - end) << 1;
  return (o - dst) >> 1;
}

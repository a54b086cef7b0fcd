// Cutting UTF-8 bytes (a file's, read as it is) where cutting cannot change the pre-tokens, as
// segments.ts cuts strings: encoding the pieces one by one gives the ids of the whole file, and no
// byte goes through a string on the way.

/** ASCII and not White_Space. A byte of 0x80 or more may belong to a White_Space character (U+0085, U+00A0, U+3000 ...): never cut next to one. */
function isSolid(b: number): boolean {
  return b < 0x80 && b !== 0x20 && (b < 0x09 || b > 0x0d);
}

/**
 * The rules of segments.ts's cutsBefore on bytes, with every non-ASCII neighbour counted as possible
 * White_Space: every pattern family ends a piece before `b[i]` and starts the next one there:
 * before a single space between two other characters, after a single "\n" between two characters
 * that are neither White_Space nor "/", between an ASCII letter and an ASCII digit. 2 <= i <= length - 2.
 */
function cutsBefore(b: Uint8Array, i: number): boolean {
  const c = b[i];
  const before = b[i - 1];
  if (c === 0x20) return isSolid(before) && isSolid(b[i + 1]);
  if (before === 0x0a) return c !== 0x2f && isSolid(c) && isSolid(b[i - 2]);
  return c >= 0x30 && c <= 0x39 && (before | 0x20) >= 0x61 && (before | 0x20) <= 0x7a;
}

/** Whether an occurrence of some special token in `b` holds both b[i - 1] and b[i]. */
function splitsSpecial(b: Uint8Array, i: number, specials: readonly Uint8Array[]): boolean {
  for (const s of specials) {
    const from = Math.max(0, i - s.length + 1);
    const window = b.subarray(from, Math.min(b.length, i + s.length - 1));
    for (let at = indexOfBytes(window, s, 0); at >= 0; at = indexOfBytes(window, s, at + 1)) {
      if (from + at < i && from + at + s.length > i) return true;
    }
  }
  return false;
}

/**
 * The first index at or after `from` where `needle` (not empty) occurs in `hay`, or -1 (no Buffer:
 * every runtime). The typed array's own indexOf finds each candidate's first byte.
 */
export function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const last = hay.length - needle.length;
  for (let i = hay.indexOf(needle[0], from); i >= 0 && i <= last; i = hay.indexOf(needle[0], i + 1)) {
    let k = 1;
    while (k < needle.length && hay[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

/** Reads up to `length` bytes into `buffer` at `offset`; resolves to how many (0 at the end of the input). */
export type ReadInto = (buffer: Uint8Array, offset: number, length: number) => Promise<number>;

/**
 * An input's bytes, read with `read`, in pieces that each end at a safe place (or the input's end):
 * the last one in a buffer of the bytes after the previous cut and `target` more. Each piece is read
 * straight into a buffer of its own (so it can be transferred), after the few bytes that followed the
 * last cut: no other copy. A buffer with no safe place grows (twice the size) and only its new bytes
 * are searched, so every byte is looked at a bounded number of times, with cut places or without.
 */
export async function* safeByteChunks(read: ReadInto, specials: readonly Uint8Array[], target: number): AsyncGenerator<Uint8Array> {
  const margin = specials.reduce((longest, s) => Math.max(longest, s.length), 2);
  let carry = new Uint8Array(0); // the bytes after the last cut
  let lowest = 2; // the least place of the next buffer not yet known to be no cut
  for (;;) {
    const buffer = new Uint8Array(carry.length + Math.max(target, carry.length));
    buffer.set(carry);
    let filled = carry.length;
    while (filled < buffer.length) {
      const n = await read(buffer, filled, buffer.length - filled);
      if (n === 0) {
        if (filled > 0) yield buffer.subarray(0, filled);
        return;
      }
      filled += n;
    }
    const cut = lastCut(buffer, filled, lowest, specials, margin);
    if (cut < 0) {
      carry = buffer;
      lowest = filled - margin + 1;
      continue;
    }
    carry = buffer.slice(cut, filled);
    lowest = 2;
    yield buffer.subarray(0, cut);
  }
}

/** The greatest safe cut place i of b[0, filled), max(2, lowest) <= i <= filled - margin; -1 if none. */
function lastCut(b: Uint8Array, filled: number, lowest: number, specials: readonly Uint8Array[], margin: number): number {
  const view = b.subarray(0, filled);
  for (let i = filled - margin; i >= Math.max(2, lowest); i--) if (cutsBefore(view, i) && !splitsSpecial(view, i, specials)) return i;
  return -1;
}

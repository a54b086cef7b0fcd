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

/** The first index at or after `from` where `needle` occurs in `hay`, or -1 (no Buffer: every runtime). */
export function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/**
 * The bytes of `chunks` (consecutive parts of one input) re-cut into pieces of about `target` bytes
 * or more, each ending at a safe place (or the input's end), each in an ArrayBuffer of its own (so it
 * can be transferred). Every byte is looked at a bounded number of times and copied at most a bounded
 * number of times on average, with cut places or without.
 */
export async function* safeByteChunks(chunks: AsyncIterable<Uint8Array>, specials: readonly Uint8Array[], target: number): AsyncGenerator<Uint8Array> {
  const margin = specials.reduce((longest, s) => Math.max(longest, s.length), 2);
  const held = new HeldBytes();
  let searched = 0; // cut places before this index of the held bytes were looked at already
  for await (const chunk of chunks) {
    held.append(chunk);
    for (;;) {
      const b = held.view();
      let cut = -1;
      for (let i = Math.max(searched, target, 2); i + margin <= b.length; i++) {
        if (cutsBefore(b, i) && !splitsSpecial(b, i, specials)) {
          cut = i;
          break;
        }
        searched = i + 1;
      }
      if (cut < 0) break;
      yield held.take(cut);
      searched = 0;
    }
  }
  if (held.view().length > 0) yield held.take(held.view().length);
}

/** Bytes held back until a cut: appended at the end, taken from the front, in a buffer that doubles. */
class HeldBytes {
  private data = new Uint8Array(1 << 16);
  private start = 0;
  private end = 0;

  append(chunk: Uint8Array): void {
    if (this.end + chunk.length > this.data.length) {
      const live = this.end - this.start;
      const grown = live + chunk.length > this.data.length / 2 ? new Uint8Array(2 * (live + chunk.length)) : this.data;
      if (grown === this.data) this.data.copyWithin(0, this.start, this.end);
      else grown.set(this.data.subarray(this.start, this.end));
      this.data = grown;
      this.start = 0;
      this.end = live;
    }
    this.data.set(chunk, this.end);
    this.end += chunk.length;
  }

  /** The held bytes (valid until the next append or take). */
  view(): Uint8Array {
    return this.data.subarray(this.start, this.end);
  }

  /** The first n held bytes, as a copy of their own. */
  take(n: number): Uint8Array {
    const piece = this.data.slice(this.start, this.start + n);
    this.start += n;
    return piece;
  }
}

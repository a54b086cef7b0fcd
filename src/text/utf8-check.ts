// Where the first invalid UTF-8 sequence of a byte stream is, for the warning the command line gives
// (cli/utf8.ts) and for train()'s stats on a file: a fast whole-chunk check first, the Unicode table of
// well-formed sequences only to find the offset once a chunk fails it.

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Whether `bytes` are well-formed UTF-8, by a fatal TextDecoder (every runtime; Node's isUtf8 is quicker). */
export function isWellFormedUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Where the first invalid UTF-8 sequence of a byte stream is, fed chunk by chunk. */
export class Utf8Check {
  /** Byte offset of the first invalid sequence, once one was seen. */
  invalidAt?: number;
  private carry: Uint8Array = new Uint8Array(0); // an incomplete sequence at the end of a chunk
  private offset = 0; // of carry's first byte

  /** `isUtf8`: whether bytes are well-formed UTF-8 (Node's, from node:buffer, where there is one). */
  constructor(private readonly isUtf8: (bytes: Uint8Array) => boolean) {}

  push(chunk: Uint8Array): void {
    if (this.invalidAt !== undefined) return;
    const bytes = this.carry.length ? concat(this.carry, chunk) : chunk;
    const end = completeEnd(bytes);
    const whole = bytes.subarray(0, end);
    if (!this.isUtf8(whole)) this.invalidAt = this.offset + firstInvalid(whole);
    this.offset += end;
    this.carry = bytes.slice(end);
  }

  /** At the end of the input: a sequence left incomplete is invalid. */
  end(): void {
    if (this.invalidAt === undefined && this.carry.length > 0) this.invalidAt = this.offset;
  }
}

/** The length of `bytes` without an incomplete sequence at its end (at most 3 bytes are cut). */
function completeEnd(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = n - 1; i >= Math.max(0, n - 3); i--) {
    const b = bytes[i];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + need > n ? i : n;
  }
  return n;
}

/** Index of the first invalid sequence in `bytes` (which isUtf8 rejected), per the Unicode table of
 * well-formed UTF-8 byte sequences. */
export function firstInvalid(bytes: Uint8Array): number {
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < bytes.length && bytes[i] >= lo && bytes[i] <= hi;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let len = 0;
    if (b < 0x80) len = 1;
    else if (b >= 0xc2 && b <= 0xdf) len = cont(i + 1) ? 2 : 0;
    else if (b >= 0xe0 && b <= 0xef) {
      const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
      len = cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const [lo, hi] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      len = cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    if (len === 0) return i;
    i += len;
  }
  return bytes.length;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

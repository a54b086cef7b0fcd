// Plain twins of the offsets, built from token bytes alone: where a token's first byte lies, found by
// walking the text character by character (encode) or by decoding the bytes before it (decode).

const utf8 = new TextEncoder();

/** For `text`, and tokens of these byte lengths in order, the UTF-16 index of the character holding each first byte. */
export function twinEncodeOffsets(text: string, tokenLengths: number[]): number[] {
  const starts: Array<[number, number]> = []; // [first byte, UTF-16 index] of each character
  let byte = 0;
  let unit = 0;
  for (const ch of text) {
    starts.push([byte, unit]);
    byte += utf8.encode(ch).length; // a lone surrogate is U+FFFD's 3 bytes
    unit += ch.length;
  }
  const offsets: number[] = [];
  let p = 0;
  for (const length of tokenLengths) {
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1][0] <= p) k++;
    offsets.push(starts.length ? starts[k][1] : 0);
    p += length;
  }
  return offsets;
}

/** Whether byte `p` of text's UTF-8 is the first byte of a character. */
export function startsCharacter(text: string, p: number): boolean {
  let byte = 0;
  for (const ch of text) {
    if (byte === p) return true;
    if (byte > p) return false;
    byte += utf8.encode(ch).length;
  }
  return byte === p;
}

/**
 * tiktoken's decode_with_offsets, for bytes that are valid UTF-8: a token's offset is the number of
 * characters (non-continuation bytes) before it, less one when it starts with a continuation byte;
 * then code points are turned into UTF-16 units of the decoded text.
 */
export function twinDecodeOffsets(tokens: Uint8Array[]): number[] {
  const text = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(concat(tokens));
  const unitOfCodePoint: number[] = [];
  let unit = 0;
  for (const ch of text) {
    unitOfCodePoint.push(unit);
    unit += ch.length;
  }
  unitOfCodePoint.push(unit);
  const offsets: number[] = [];
  let characters = 0;
  for (const token of tokens) {
    const continuation = token[0] >= 0x80 && token[0] < 0xc0 ? 1 : 0;
    offsets.push(unitOfCodePoint[Math.max(0, characters - continuation)]);
    characters += token.filter((b) => b < 0x80 || b >= 0xc0).length;
  }
  return offsets;
}

/**
 * For any bytes: the offsets of the tokens that start where the decoder holds nothing back (all bytes
 * before them decode the same whether or not more follow), by index; there the offset is the length
 * of the text before.
 */
export function freshStartOffsets(tokens: Uint8Array[]): Map<number, number> {
  const found = new Map<number, number>();
  for (let k = 0; k < tokens.length; k++) {
    const before = concat(tokens.slice(0, k));
    const streamed = new TextDecoder("utf-8", { ignoreBOM: true }).decode(before, { stream: true });
    const ended = new TextDecoder("utf-8", { ignoreBOM: true }).decode(before);
    if (streamed === ended) found.set(k, ended.length);
  }
  return found;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// Standard base64 (RFC 4648 section 4, with "=" padding), as the .tiktoken files use it. Decoding is
// strict: only the canonical encoding of some byte string is accepted (no whitespace, no missing or
// extra padding, no stray bits in the last character), so every token has exactly one spelling.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const SIX_BITS_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) SIX_BITS_OF[ALPHABET.charCodeAt(i)] = i;
const PAD = 0x3d; // "="

export function encodeBase64(bytes: Uint8Array): string {
  let text = "";
  let i = 0;
  for (; i + 3 <= bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    text += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    text += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + "==";
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    text += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + "=";
  }
  return text;
}

function sixBits(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? SIX_BITS_OF[code] : -1;
}

/** The bytes `text` encodes, or undefined when it is not canonical padded base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.length === 0 ? 0 : text.charCodeAt(text.length - 1) !== PAD ? 0 : text.charCodeAt(text.length - 2) === PAD ? 2 : 1;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let out = 0;
  for (let i = 0; i < text.length; i += 4) {
    const pad = i + 4 === text.length ? padding : 0;
    const a = sixBits(text, i);
    const b = sixBits(text, i + 1);
    const c = pad === 2 ? 0 : sixBits(text, i + 2);
    const d = pad >= 1 ? 0 : sixBits(text, i + 3);
    if ((a | b | c | d) < 0) return undefined;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    bytes[out++] = n >> 16;
    // With padding, the bits after the last byte must be zero, or the spelling is not canonical.
    if (pad === 2) return (n & 0xffff) === 0 ? bytes : undefined;
    bytes[out++] = (n >> 8) & 0xff;
    if (pad === 1) return (n & 0xff) === 0 ? bytes : undefined;
    bytes[out++] = n & 0xff;
  }
  return bytes;
}

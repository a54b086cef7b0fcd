// GPT-2's byte-level alphabet: every byte is written as one printable Unicode character, so that
// vocab.json, merges.txt and tokenizer.json can hold arbitrary bytes as text. Bytes that are printable
// Latin-1 characters ("!".."~", "¡".."¬", "®".."ÿ") stand for themselves; the other 68 bytes (controls,
// space, DEL, NBSP, soft hyphen) take U+0100, U+0101, ... in increasing byte order.

const PRINTABLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x21, 0x7e],
  [0xa1, 0xac],
  [0xae, 0xff],
];

function isPrintable(byte: number): boolean {
  return PRINTABLE_RANGES.some(([first, last]) => byte >= first && byte <= last);
}

function buildCodePoints(): Uint16Array {
  const codePoints = new Uint16Array(256);
  let next = 0x100;
  for (let byte = 0; byte < 256; byte++) codePoints[byte] = isPrintable(byte) ? byte : next++;
  return codePoints;
}

/** Byte -> its character's code (all in the BMP, so one UTF-16 unit each). */
const CODE_OF_BYTE = buildCodePoints();
/** Character code -> byte, or -1 when the character is not in the alphabet (codes run up to U+0143). */
const BYTE_OF_CODE = new Int16Array(0x144).fill(-1);
for (let byte = 0; byte < 256; byte++) BYTE_OF_CODE[CODE_OF_BYTE[byte]] = byte;

/** The 256 characters of the alphabet, indexed by byte. */
export function bytesToUnicode(): string[] {
  return Array.from(CODE_OF_BYTE, (code) => String.fromCharCode(code));
}

/** The inverse mapping: character -> byte. */
export function unicodeToBytes(): Map<string, number> {
  return new Map(Array.from(CODE_OF_BYTE, (code, byte) => [String.fromCharCode(code), byte]));
}

/** Bytes as a byte-level string (one character per byte). */
export function byteLevelEncode(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(CODE_OF_BYTE[bytes[i]]);
  return text;
}

/** Index of the first character of `text` outside the alphabet, or -1 when it is all byte-level. */
export function firstNonByteLevel(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= BYTE_OF_CODE.length || BYTE_OF_CODE[code] < 0) return i;
  }
  return -1;
}

/** A byte-level string back to its bytes; undefined when a character is outside the alphabet. */
export function byteLevelDecode(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const byte = code < BYTE_OF_CODE.length ? BYTE_OF_CODE[code] : -1;
    if (byte < 0) return undefined;
    bytes[i] = byte;
  }
  return bytes;
}

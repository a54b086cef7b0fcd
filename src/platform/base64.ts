// Base64 to bytes without atob or Buffer (neither is everywhere: React Native's older engines lack
// atob): bytepair/inline carries the .wasm and the vocabularies as base64 strings.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUE = new Uint8Array(128).fill(255);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** The bytes of `text` (standard alphabet, "=" padding optional); `what` names it in errors. */
export function decodeBase64(text: string, what: string): Uint8Array<ArrayBuffer> {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (end % 4 === 1) throw new Error(`${what}: not base64 (its length leaves one character over)`);
  const bytes = new Uint8Array(((end * 3) >> 2));
  let at = 0;
  let i = 0;
  const value = (k: number): number => {
    const code = text.charCodeAt(k);
    const v = code < 128 ? VALUE[code] : 255;
    if (v === 255) throw new Error(`${what}: not base64 (character ${k})`);
    return v;
  };
  for (; i + 4 <= end; i += 4) {
    const n = (value(i) << 18) | (value(i + 1) << 12) | (value(i + 2) << 6) | value(i + 3);
    bytes[at++] = n >> 16;
    bytes[at++] = (n >> 8) & 255;
    bytes[at++] = n & 255;
  }
  if (end - i === 2) {
    bytes[at++] = (value(i) << 2) | (value(i + 1) >> 4);
  } else if (end - i === 3) {
    const n = (value(i) << 10) | (value(i + 1) << 4) | (value(i + 2) >> 2);
    bytes[at++] = n >> 8;
    bytes[at++] = n & 255;
  }
  return bytes;
}

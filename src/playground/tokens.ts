// How one token is shown: its text when its bytes are whole UTF-8 characters, else its bytes in hex
// (a byte or BPE token may hold part of a character, such as E6 97 of 日 = E6 97 A5).

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export interface TokenLabel {
  /** What the span shows. */
  text: string;
  /** True when the bytes are not valid UTF-8 on their own and `text` is their hex. */
  partial: boolean;
}

export function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");
}

export function tokenLabel(bytes: Uint8Array): TokenLabel {
  try {
    return { text: strict.decode(bytes), partial: false };
  } catch {
    return { text: `‹${hexBytes(bytes)}›`, partial: true };
  }
}

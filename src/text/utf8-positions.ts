// Where each byte of a UTF-8 byte string lands in its decoded text: the UTF-16 index of the character
// that holds it, where the character is what TextDecoder makes of the bytes (the WHATWG decoder, with
// a U+FFFD for each maximal invalid subpart), so positions agree with decode's text to the unit.

/**
 * Walks bytes fed in order and answers, for the byte about to be fed, the index of the character that
 * will hold it. A byte that ends an invalid sequence first closes the U+FFFD of the bytes before it.
 */
export class Utf8Positions {
  /** UTF-16 units of the text decoded so far (complete characters and U+FFFDs only). */
  private units = 0;
  private needed = 0;
  private seen = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private codePoint = 0;

  /** Feeds one byte; the UTF-16 index of the character that holds it. */
  push(byte: number): number {
    if (this.needed > 0) {
      if (byte >= this.lower && byte <= this.upper) {
        const at = this.units;
        this.codePoint = (this.codePoint << 6) | (byte & 0x3f);
        this.lower = 0x80;
        this.upper = 0xbf;
        if (++this.seen === this.needed) {
          this.units += this.codePoint >= 0x10000 ? 2 : 1;
          this.needed = 0;
        }
        return at;
      }
      // The sequence so far is one U+FFFD; this byte starts afresh.
      this.units += 1;
      this.needed = 0;
      this.lower = 0x80;
      this.upper = 0xbf;
    }
    const at = this.units;
    if (byte < 0x80) this.units += 1;
    else if (byte >= 0xc2 && byte <= 0xdf) this.begin(1, byte & 0x1f);
    else if (byte >= 0xe0 && byte <= 0xef) {
      if (byte === 0xe0) this.lower = 0xa0;
      if (byte === 0xed) this.upper = 0x9f;
      this.begin(2, byte & 0x0f);
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      if (byte === 0xf0) this.lower = 0x90;
      if (byte === 0xf4) this.upper = 0x8f;
      this.begin(3, byte & 0x07);
    } else this.units += 1; // a byte that starts nothing is a U+FFFD of its own
    return at;
  }

  /** The text's length in UTF-16 units once the bytes end (an unfinished sequence is one U+FFFD). */
  end(): number {
    return this.units + (this.needed > 0 ? 1 : 0);
  }

  /** Whether the bytes fed so far end on a character boundary (no sequence is unfinished). */
  get atBoundary(): boolean {
    return this.needed === 0;
  }

  private begin(needed: number, bits: number): void {
    this.needed = needed;
    this.seen = 0;
    this.codePoint = bits;
  }
}

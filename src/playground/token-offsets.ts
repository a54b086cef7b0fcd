// Where each token of a pane starts in its text, in UTF-16 units: the character that holds the
// token's first byte, as encodeWithOffsets counts. The page's tokenizers cut the text's UTF-8 into
// tokens whose lengths add up to it (the word tokenizer's <unk> stands for the word it replaced, so
// there the words' own lengths are given).

/** Start offsets of tokens of `lengths` UTF-8 bytes each, laid end to end over `text`'s UTF-8. */
export function offsetsOfByteLengths(text: string, lengths: ArrayLike<number>): number[] {
  const offsets: number[] = [];
  let unit = 0; // the UTF-16 index of the character at `charStart`
  let charStart = 0; // its first byte, in the text's UTF-8
  let tokenStart = 0;
  for (let i = 0; i < lengths.length; i++) {
    // Move to the character whose bytes hold tokenStart.
    while (unit < text.length) {
      const { bytes, units } = charAt(text, unit);
      if (charStart + bytes > tokenStart) break;
      charStart += bytes;
      unit += units;
    }
    offsets.push(unit);
    tokenStart += lengths[i];
  }
  return offsets;
}

/** The UTF-8 length and UTF-16 length of the character at `i` (a lone surrogate is U+FFFD, 3 bytes). */
function charAt(text: string, i: number): { bytes: number; units: number } {
  const c = text.charCodeAt(i);
  if (c < 0x80) return { bytes: 1, units: 1 };
  if (c < 0x800) return { bytes: 2, units: 1 };
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return { bytes: 4, units: 2 };
  }
  return { bytes: 3, units: 1 };
}

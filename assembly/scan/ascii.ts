// ASCII words, the common case of the word branches of the o200k_base and cl100k_base patterns, in
// one tight loop over bytes instead of the general character-by-character scan. Each returns the
// end of the word, or 0 when the general scanner must decide: no letter at all, or a byte of 0x80 or
// more right after the letters (a non-ASCII letter or mark could continue the word).

// @ts-ignore: decorator
@inline function isUpper(c: u32): bool {
  return c - 0x41 < 26;
}

// @ts-ignore: decorator
@inline function isLower(c: u32): bool {
  return c - 0x61 < 26;
}

// @ts-ignore: decorator
@inline function isLetter(c: u32): bool {
  return (c | 0x20) - 0x61 < 26;
}

/** `[^\r\n\p{L}\p{N}]` for an ASCII byte: not a letter, digit, \r or \n. */
// @ts-ignore: decorator
@inline function isPrefix(c: u32): bool {
  return c < 0x80 && !isLetter(c) && c - 0x30 >= 10 && c != 0x0A && c != 0x0D;
}

/** Where the word ends, if the byte there settles it (the end of the text or an ASCII byte); else 0. */
// @ts-ignore: decorator
@inline function settled(start: usize, j: usize, e: usize): usize {
  return j > start && (j == e || load<u8>(j) < 0x80) ? j : 0;
}

/**
 * o200k_base: `[prefix]?[A-Z]*[a-z]+|[prefix]?[A-Z]+[a-z]*` restricted to ASCII, which both word
 * branches reduce to: the upper-case run then the lower-case run (CamelCase splits before an upper
 * case letter that follows a lower case one).
 */
export function asciiWordO200k(p: usize, e: usize): usize {
  let i = p;
  if (isPrefix(<u32>load<u8>(i))) i++;
  let j = i;
  while (j < e && isUpper(<u32>load<u8>(j))) j++;
  while (j < e && isLower(<u32>load<u8>(j))) j++;
  return settled(i, j, e);
}

/** cl100k_base: `[prefix]?\p{L}+` restricted to ASCII (the caller has ruled out a leading contraction). */
export function asciiWordCl100k(p: usize, e: usize): usize {
  let i = p;
  if (isPrefix(<u32>load<u8>(i))) i++;
  let j = i;
  while (j < e && isLetter(<u32>load<u8>(j))) j++;
  return settled(i, j, e);
}

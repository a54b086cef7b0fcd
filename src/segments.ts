// Cutting text: around special tokens, and streamed text only where the cut cannot change the
// pre-tokens, so that encoding or counting piece by piece gives what the whole text would.

import { BytepairError } from "./errors.js";

/** A matcher for the special tokens: leftmost occurrence, the longest at that position. */
export function specialMatcher(specialTokens: readonly string[]): RegExp | undefined {
  if (specialTokens.length === 0) return undefined;
  const alternatives = [...specialTokens].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(alternatives.join("|"), "g");
}

/** The ordinary text between special tokens, in order (empty parts dropped). */
export function splitOnSpecials(text: string, matcher: RegExp | undefined): string[] {
  if (!matcher) return text ? [text] : [];
  const parts: string[] = [];
  let start = 0;
  matcher.lastIndex = 0;
  for (let m = matcher.exec(text); m; m = matcher.exec(text)) {
    if (m.index > start) parts.push(text.slice(start, m.index));
    start = m.index + m[0].length;
  }
  if (start < text.length) parts.push(text.slice(start));
  return parts;
}

// Unicode White_Space, as the patterns' \s (JavaScript's \s differs: it has U+FEFF, lacks U+0085).
const WHITE_SPACE = /[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/**
 * Where streamed text may be cut without changing its pre-tokens: the end of the last special token,
 * or else before a single space between two other characters (in every pattern family a piece ends
 * before such a space and the next one starts at it). Returns 0 when there is no such place. `keep`
 * is the longest special token's length: a match that starts closer than that to the end may still
 * turn out to be the start of a longer special token, and no space cut is made there either.
 */
export function safeCut(text: string, matcher: RegExp | undefined, keep: number): number {
  if (matcher) {
    let cut = 0;
    matcher.lastIndex = 0;
    for (let m = matcher.exec(text); m; m = matcher.exec(text)) {
      if (m.index + keep <= text.length) cut = m.index + m[0].length;
    }
    if (cut > 0) return cut;
  }
  for (let i = Math.min(text.length - 2, text.length - keep); i >= 1; i--) {
    if (text.charCodeAt(i) !== 0x20) continue;
    if (!WHITE_SPACE.test(text[i - 1]) && !WHITE_SPACE.test(text[i + 1])) return i;
  }
  return 0;
}

/**
 * The text of `chunks` (consecutive pieces of one text) re-cut at safe places (see safeCut), each
 * with its offset in the whole text (UTF-16 units). `matcher` must match exactly the special tokens
 * that are treated as special (text after a special token read as ordinary text is not a safe cut).
 */
export async function* safePieces(
  chunks: AsyncIterable<unknown> | Iterable<unknown>,
  matcher: RegExp | undefined,
  keep: number,
): AsyncIterable<{ text: string; offset: number }> {
  let carry = "";
  let offset = 0;
  for await (const chunk of chunks) {
    if (typeof chunk !== "string") {
      throw new BytepairError("INVALID_ARGUMENT", `Expected the input's chunks to be strings, got ${typeof chunk}`);
    }
    const text = carry + chunk;
    const cut = safeCut(text, matcher, keep);
    if (cut === 0) {
      carry = text;
      continue;
    }
    yield { text: text.slice(0, cut), offset };
    offset += cut;
    carry = text.slice(cut);
  }
  if (carry) yield { text: carry, offset };
}

export async function* safeTexts(chunks: AsyncIterable<unknown>, matcher: RegExp | undefined, keep: number): AsyncIterable<string> {
  for await (const { text } of safePieces(chunks, matcher, keep)) yield text;
}

/**
 * [start, end) windows of about `size` characters that cover `text`, each cut at a safe place (see
 * safeCut); a window grows while it has no such place. Encoding window by window gives the ids of
 * the whole text.
 */
export function* safeWindows(text: string, matcher: RegExp | undefined, keep: number, size: number): Generator<[number, number]> {
  for (let pos = 0; pos < text.length; ) {
    let end = text.length;
    for (let window = size; pos + window < text.length; window *= 2) {
      const cut = safeCut(text.slice(pos, pos + window), matcher, keep);
      if (cut > 0) {
        end = pos + cut;
        break;
      }
    }
    yield [pos, end];
    pos = end;
  }
}

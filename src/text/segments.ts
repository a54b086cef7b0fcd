// Cutting text: around special tokens, and streamed text only where the cut cannot change the
// pre-tokens, so that encoding or counting piece by piece gives what the whole text would.

import { BytepairError } from "../errors.js";

/**
 * Finds special tokens as a RegExp with the "g" flag does: `exec` from `lastIndex`, the leftmost
 * occurrence and the longest at that position; `lastIndex` after it, or 0 and null when none is left.
 */
export interface SpecialMatcher {
  lastIndex: number;
  exec(text: string): { index: number; 0: string } | null;
}

/** A matcher for the special tokens: leftmost occurrence, the longest at that position. */
export function specialMatcher(specialTokens: readonly string[]): SpecialMatcher | undefined {
  if (specialTokens.length === 0) return undefined;
  if (specialTokens.length > REGEX_MOST || specialTokens.some((s) => s.length > REGEX_LONGEST)) return new SpecialSet(specialTokens);
  const alternatives = [...specialTokens].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(alternatives.join("|"), "g");
}

/**
 * Past this many special tokens, an alternation takes the runtime seconds to compile; past this
 * length, V8 refuses it: a set is used instead.
 */
const REGEX_MOST = 1000;
const REGEX_LONGEST = 1000;

/** Special tokens found by walking a trie of their UTF-16 units from each unit that starts one. */
class SpecialSet implements SpecialMatcher {
  lastIndex = 0;
  /** Node k's children by unit; node 0 is the root. */
  private readonly children: Array<Map<number, number>> = [new Map()];
  /** 1 where a token ends at node k. */
  private readonly ends: Uint8Array;
  private readonly starts = new Uint8Array(0x10000); // 1 for a UTF-16 unit that starts a token

  constructor(specialTokens: readonly string[]) {
    const ends: number[] = [0];
    for (const s of specialTokens) {
      let node = 0;
      for (let i = 0; i < s.length; i++) {
        const unit = s.charCodeAt(i);
        let next = this.children[node].get(unit);
        if (next === undefined) {
          next = this.children.length;
          this.children.push(new Map());
          ends.push(0);
          this.children[node].set(unit, next);
        }
        node = next;
      }
      ends[node] = 1;
      this.starts[s.charCodeAt(0)] = 1;
    }
    this.ends = Uint8Array.from(ends);
  }

  exec(text: string): { index: number; 0: string } | null {
    for (let i = this.lastIndex; i < text.length; i++) {
      if (!this.starts[text.charCodeAt(i)]) continue;
      // The longest token that starts here.
      let node = 0;
      let longest = 0;
      for (let j = i; j < text.length; j++) {
        const next = this.children[node].get(text.charCodeAt(j));
        if (next === undefined) break;
        node = next;
        if (this.ends[node]) longest = j + 1 - i;
      }
      if (longest) {
        this.lastIndex = i + longest;
        return { index: i, 0: text.slice(i, i + longest) };
      }
    }
    this.lastIndex = 0;
    return null;
  }
}

/** The ordinary text between special tokens, in order (empty parts dropped). */
export function splitOnSpecials(text: string, matcher: SpecialMatcher | undefined): string[] {
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

/**
 * Whether every pattern family (gpt2, cl100k, o200k, with or without single digits) ends a piece
 * before `text[i]` and starts the next one there, whatever comes before `i - 1` or after `i + 1`:
 * - before a single space between two other characters;
 * - after a single "\n" between two characters that are neither White_Space nor "/" (gpt2 ends a
 *   run of White_Space before its last unit, unless the text ends there; o200k's punctuation pieces
 *   take "\n" and "/" after them, as in ".\n/");
 * - between an ASCII letter and an ASCII digit (a piece with a letter holds no digit).
 * Needs 2 <= i <= text.length - 2.
 */
export function cutsBefore(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const before = text.charCodeAt(i - 1);
  if (c === 0x20) return !isWhiteSpace(before) && !isWhiteSpace(text.charCodeAt(i + 1));
  if (before === 0x0a) return c !== 0x2f && !isWhiteSpace(c) && !isWhiteSpace(text.charCodeAt(i - 2));
  return c >= 0x30 && c <= 0x39 && ((before | 0x20) >= 0x61 && (before | 0x20) <= 0x7a);
}

/** Unicode White_Space, as the patterns' \s (JavaScript's \s differs: it has U+FEFF, lacks U+0085). */
function isWhiteSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

/**
 * Finds safe places to cut a text that arrives in chunks, looking at each unit a bounded number of
 * times (the held text is never scanned again), so that a stream costs time linear in its length
 * whether or not it has places to cut.
 *
 * A safe place is the end of a special token, or a place cutsBefore accepts. `keep` is the longest
 * special token's length: a special token that starts closer than that to the end may still turn out
 * to be the start of a longer one, and no other cut is made there either.
 */
export class SafeCutter {
  /** Units of text looked at, for tests that check the work stays linear. */
  scannedUnits = 0;
  private parts: string[] = []; // the held text: chunks not yet given out
  private held = 0; // its length
  private rulesFrom = 2; // the first position whose cut is not decided yet
  private specialsFrom = 0; // where finding special tokens resumes: no match starts before it
  private cut = 0; // the last safe place found

  constructor(
    private readonly matcher: SpecialMatcher | undefined,
    private readonly keep: number,
  ) {}

  /** Adds a chunk; the length of held text that may now be cut off and encoded alone (0: none yet). */
  push(chunk: string): number {
    if (!chunk) return this.cut;
    this.parts.push(chunk);
    this.held += chunk.length;
    const len = this.held;
    const last = Math.min(len - 2, len - this.keep); // the last position whose cut is decided
    const from = Math.max(0, Math.min(this.rulesFrom - 2, this.matcher ? this.specialsFrom : len));
    const text = this.textFrom(from);
    this.scannedUnits += text.length;
    if (this.matcher) this.findSpecials(text, from, len);
    // Only the last safe place counts: look back from the end, and stop at the first one.
    for (let i = last; i >= this.rulesFrom && i > this.cut; i--) {
      if (cutsBefore(text, i - from)) {
        this.cut = i;
        break;
      }
    }
    this.rulesFrom = Math.max(this.rulesFrom, last + 1);
    return this.cut;
  }

  /** Gives out the held text up to the last safe place (as `push` returned it). */
  take(): string {
    const n = this.cut;
    const text = this.parts.length === 1 ? this.parts[0] : this.parts.join("");
    this.parts = n < text.length ? [text.slice(n)] : [];
    this.held -= n;
    this.rulesFrom = Math.max(2, this.rulesFrom - n);
    this.specialsFrom = Math.max(0, this.specialsFrom - n);
    this.cut = 0;
    return text.slice(0, n);
  }

  /** All the text still held, at the end of the stream. */
  rest(): string {
    const text = this.parts.join("");
    this.parts = [];
    this.held = 0;
    return text;
  }

  /** Special tokens in the held text from `from` (where `text` starts) on: the ones decided so far. */
  private findSpecials(text: string, from: number, len: number): void {
    const matcher = this.matcher!;
    matcher.lastIndex = this.specialsFrom - from;
    for (let m = matcher.exec(text); m; m = matcher.exec(text)) {
      const start = from + m.index;
      if (start + this.keep > len) break; // may yet be the start of a longer special token
      this.specialsFrom = start + m[0].length;
      this.cut = Math.max(this.cut, this.specialsFrom);
    }
    matcher.lastIndex = 0;
    // No special token starts where every one that could would already be seen whole.
    this.specialsFrom = Math.max(this.specialsFrom, len - this.keep + 1);
  }

  /** The held text from position `from` on (slices of the chunks, which cost no copy). */
  private textFrom(from: number): string {
    let at = this.held;
    let k = this.parts.length;
    while (k > 0 && at > from) at -= this.parts[--k].length;
    if (k === this.parts.length) return "";
    const first = this.parts[k].slice(from - at);
    return k + 1 === this.parts.length ? first : first + this.parts.slice(k + 1).join("");
  }
}

/**
 * The text of `chunks` (consecutive pieces of one text) re-cut at safe places (see SafeCutter), each
 * with its offset in the whole text (UTF-16 units). `matcher` must match exactly the special tokens
 * that are treated as special (text after a special token read as ordinary text is not a safe cut).
 */
export async function* safePieces(
  chunks: AsyncIterable<unknown> | Iterable<unknown>,
  matcher: SpecialMatcher | undefined,
  keep: number,
): AsyncIterable<{ text: string; offset: number }> {
  const cutter = new SafeCutter(matcher, keep);
  let offset = 0;
  for await (const chunk of chunks) {
    if (typeof chunk !== "string") {
      throw new BytepairError("INVALID_ARGUMENT", `Expected the input's chunks to be strings, got ${typeof chunk}`);
    }
    if (cutter.push(chunk) === 0) continue;
    const text = cutter.take();
    yield { text, offset };
    offset += text.length;
  }
  const text = cutter.rest();
  if (text) yield { text, offset };
}

export async function* safeTexts(chunks: AsyncIterable<unknown>, matcher: SpecialMatcher | undefined, keep: number): AsyncIterable<string> {
  for await (const { text } of safePieces(chunks, matcher, keep)) yield text;
}

/**
 * [start, end) windows of about `size` characters that cover `text`, each cut at a safe place (see
 * SafeCutter); a window grows while it has no such place. Encoding window by window gives the ids of
 * the whole text.
 */
export function* safeWindows(text: string, matcher: SpecialMatcher | undefined, keep: number, size: number): Generator<[number, number]> {
  const cutter = new SafeCutter(matcher, keep);
  let start = 0;
  for (let pos = 0; pos < text.length; pos += size) {
    const n = cutter.push(text.slice(pos, pos + size));
    if (n === 0) continue;
    cutter.take();
    yield [start, start + n];
    start += n;
  }
  if (start < text.length) yield [start, text.length];
}

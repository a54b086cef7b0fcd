// Case-insensitive matching as Oniguruma does it inside (?i:...), for a runtime without modifier
// groups: every character the group may match is listed with its simple case folds. JavaScript's
// "iu" flags use the same simple case folding, so the runtime's RegExp finds the variants: a class
// run with "giu" over every character that has a case mapping yields exactly the class's variants.
// Oniguruma also folds to several characters (ß matches "ss", "ﬀ" matches "ff"); JavaScript cannot,
// so a written character or string that takes part in such a fold is refused by the caller.

let cased: string | undefined;

/** Every character that changes under some case mapping (all below U+20000), computed once. */
function casedCharacters(): string {
  if (cased !== undefined) return cased;
  const changes = /\p{Changes_When_Casemapped}/u;
  let out = "";
  for (let cp = 0; cp < 0x20000; cp++) {
    if (cp === 0xd800) cp = 0xe000;
    const ch = String.fromCodePoint(cp);
    if (changes.test(ch)) out += ch;
  }
  return (cased = out);
}

export function escapeInClass(ch: string): string {
  return /[\\\]\[^\-]/.test(ch) ? "\\" + ch : ch;
}

/** The characters a class body (JavaScript syntax, "u" flag) matches case-insensitively but not as written. */
export function caseVariantsOfClass(body: string): string {
  const exact = new RegExp(`[${body}]`, "u");
  const variants = casedCharacters().match(new RegExp(`[${body}]`, "giu")) ?? [];
  let out = "";
  for (const ch of variants) if (!exact.test(ch)) out += escapeInClass(ch);
  return out;
}

/** A character and its case variants, as a class body; ASCII without the full table (ſ and K are its only others). */
export function caseVariantsOfChar(ch: string): string {
  if (ch.length === 1 && ch.charCodeAt(0) < 0x80) {
    const lower = ch.toLowerCase();
    const extra = lower === "s" ? "\u017f" : lower === "k" ? "\u212a" : "";
    return [...new Set([ch, lower, ch.toUpperCase()])].map(escapeInClass).join("") + extra;
  }
  return escapeInClass(ch) + caseVariantsOfClass(escapeInClass(ch));
}

const codePoints = (s: string): number => Array.from(s).length;

/** Whether Oniguruma folds `ch` to or from several characters (ß, ẞ, İ, ﬀ, ΐ...). */
export function hasMultiCharFold(ch: string): boolean {
  return codePoints(ch.toUpperCase()) > 1 || codePoints(ch.toLowerCase()) > 1;
}

/** The fold strings made only of ASCII (from ß, ẞ and the Latin ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ). */
export const ASCII_FOLD_STRINGS = ["ss", "ff", "fi", "fl", "ffi", "ffl", "st"];

let foldStrings: string[] | undefined;

/** The lowercase strings some single character folds to ("ss", "ff", "st", "i̇"...). */
export function multiCharFoldStrings(): string[] {
  if (foldStrings) return foldStrings;
  const found = new Set<string>();
  for (const ch of casedCharacters()) {
    if (!hasMultiCharFold(ch)) continue;
    const folded = ch.toUpperCase().toLowerCase();
    if (codePoints(folded) > 1) found.add(folded);
  }
  return (foldStrings = [...found]);
}

/** The fold string that `lowered` (written caseless text, lowercased) ends with, if any. */
export function endingFoldString(lowered: string): string | undefined {
  if (lowered.length < 2) return undefined;
  // ASCII text (the usual case, e.g. (?i:'s|'ll)) without the full table.
  const strings = /^[\x00-\x7f]*$/.test(lowered) ? ASCII_FOLD_STRINGS : multiCharFoldStrings();
  return strings.find((s) => lowered.endsWith(s));
}

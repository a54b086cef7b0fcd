// Hugging Face Split regexes are Oniguruma's syntax; the host runs them with JavaScript's RegExp
// (u flag). This translates what real tokenizer.json files use and refuses the rest by name:
//   (?i:...)   JS in Node 20 has no modifier groups: characters and classes inside get their simple
//              case folds ([sSſ], [kKK]: as Oniguruma, 's' matches U+017F; see case-fold.ts); a
//              character or string in a fold to several characters (ß, "ss", "ff") is refused
//   {,n}       Oniguruma's {0,n}; counts over 100000 are refused, as Oniguruma does
//   \s, \S     Unicode White_Space (JS's \s has U+FEFF and lacks U+0085)
//   .          any character but \n (JS's . also stops at \r, U+2028, U+2029)
//   \p{Name}   general categories as they are; a script name becomes \p{Script=Name}. Given the
//              characters the runtime assigns but Unicode 16.0 does not (Node 20.20 has Unicode 17.0;
//              Hugging Face's Oniguruma and the engine's tables know 16.0), a second translation
//              treats them as unassigned, for texts that contain one (see newerThanUnicode16)
// Refused: possessive quantifiers and atomic groups (JS has neither), anchors (their line semantics
// differ), nested classes and set operations, and the Perl classes whose Unicode meaning differs.

import { quote } from "../errors.js";
import { UNASSIGNED_RANGES } from "./unassigned.js";
import { caseVariantsOfChar, caseVariantsOfClass, endingFoldString, escapeInClass, hasMultiCharFold } from "./case-fold.js";

let newer: string | undefined;

/**
 * A class body of the code points this runtime's RegExp assigns but Unicode 16.0 leaves unassigned
 * ("" when none: a runtime with 16.0 or older). Computed once (about 0.1 s), on first use.
 */
export function newerThanUnicode16(): string {
  if (newer !== undefined) return newer;
  const assigned = /\P{Cn}/u;
  const found: number[] = [];
  for (let i = 0; i < UNASSIGNED_RANGES.length; i += 2) {
    for (let cp = UNASSIGNED_RANGES[i]; cp <= UNASSIGNED_RANGES[i + 1]; cp++) {
      if (!assigned.test(String.fromCodePoint(cp))) continue;
      if (found.length && found[found.length - 1] === cp - 1) found[found.length - 1] = cp;
      else found.push(cp, cp);
    }
  }
  const hex = (cp: number): string => `\\u{${cp.toString(16)}}`;
  newer = "";
  for (let i = 0; i < found.length; i += 2) newer += found[i] === found[i + 1] ? hex(found[i]) : `${hex(found[i])}-${hex(found[i + 1])}`;
  return newer;
}

/** Unicode White_Space (what Oniguruma's `\s` and Rust's char::is_whitespace take), as a class body. */
export const WHITE_SPACE_RANGES = String.raw`\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000`;

export class RegexTranslationError extends Error {}

function refuse(what: string, at: number): never {
  throw new RegexTranslationError(`${what} at character ${at}`);
}

/** Oniguruma's largest repeat count (ONIG_MAX_REPEAT_NUM); it refuses larger ones. */
const MAX_REPEAT = 100_000;

const SYNTAX = new Set([..."^$\\.*+?()[]{}|/"]);

/** The property escape in JavaScript's spelling (bare, for use inside a class). */
function property(name: string, negated: boolean, at: number): string {
  const p = negated ? "P" : "p";
  for (const form of [name, `Script=${name}`]) {
    try {
      new RegExp(`\\${p}{${form}}`, "u");
      return `\\${p}{${form}}`;
    } catch {
      // try the next spelling
    }
  }
  return refuse(`unknown property \\${p}{${name}}`, at);
}

/** A class (or property escape) without the `unassigned` characters' properties: see the file's header. */
function withUnassigned(cls: string, negated: boolean, unassigned: string): string {
  if (!unassigned) return cls;
  // The negated form's branches are disjoint, so a repeat of it cannot match a text two ways.
  return negated ? `(?:(?![${unassigned}])${cls}|[${unassigned}])` : `(?:(?![${unassigned}])${cls})`;
}

/**
 * The JavaScript source (for the "gu" flags) equivalent to an Oniguruma pattern. `unassigned`: a
 * class body of characters whose properties to ignore (see newerThanUnicode16).
 */
export function translateOniguruma(source: string, unassigned = ""): string {
  let out = "";
  let i = 0;
  const ignoreCase: boolean[] = []; // per open group: did it start case-insensitive text
  let caseless = false;
  let inClass = false;
  let classStart = 0; // where the open class starts in `out`
  let classNegated = false;
  let classHasProperty = false;
  let caselessRun = ""; // the caseless literal text just before, lowercased (see caselessLiteral)

  /** A character written outside a class; in caseless text, a class of it and its case variants. */
  const caselessLiteral = (ch: string, js: string, at: number, run: string): string => {
    if (!caseless) return js;
    if (hasMultiCharFold(ch)) refuse(`the case-insensitive ${quote(ch)}, which Oniguruma also matches as several characters`, at);
    caselessRun = run + ch.toLowerCase();
    const fold = endingFoldString(caselessRun);
    if (fold) refuse(`the case-insensitive ${quote(fold)}, which Oniguruma also matches as one character`, at);
    const variants = caseVariantsOfChar(ch);
    return variants === escapeInClass(ch) ? js : `[${variants}]`;
  };
  /** A character written inside a class: its case variants are added when the class closes. */
  const checkClassChar = (ch: string, at: number): void => {
    if (caseless && hasMultiCharFold(ch)) refuse(`the case-insensitive ${quote(ch)}, which Oniguruma also matches as several characters`, at);
  };

  const escape = (run = ""): string => {
    const at = i;
    const c = source[i + 1];
    if (c === undefined) refuse("a trailing backslash", at);
    i += 2;
    if (c === "p" || c === "P") {
      const close = source.indexOf("}", i);
      if (source[i] !== "{" || close < 0) refuse(`\\${c} without {Name}`, at);
      const name = source.slice(i + 1, close);
      i = close + 1;
      const negated = (c === "P") !== name.startsWith("^");
      const escape = property(name.replace(/^\^/, ""), negated, at);
      if (inClass) {
        classHasProperty = true;
        return escape;
      }
      return withUnassigned(escape, negated, unassigned);
    }
    if (c === "s") return inClass ? WHITE_SPACE_RANGES : `[${WHITE_SPACE_RANGES}]`;
    if (c === "S") {
      if (inClass) refuse("\\S inside a character class", at);
      return `[^${WHITE_SPACE_RANGES}]`;
    }
    if ("rntfv0".includes(c)) return "\\" + c;
    if (c === "x" || c === "u") {
      const m = /^(?:[0-9a-fA-F]{2}|\{[0-9a-fA-F]+\})/.exec(source.slice(i)) ?? (c === "u" ? /^[0-9a-fA-F]{4}/.exec(source.slice(i)) : null);
      if (!m) refuse(`\\${c} without hex digits`, at);
      i += m[0].length;
      const js = m[0].startsWith("{") ? `\\u${m[0]}` : `\\${c}${m[0]}`;
      const cp = parseInt(m[0].replace(/[{}]/g, ""), 16);
      if (cp > 0x10ffff) refuse(`\\${c}${m[0]} beyond U+10FFFF`, at);
      const ch = String.fromCodePoint(cp);
      if (inClass) {
        checkClassChar(ch, at);
        return js;
      }
      return caselessLiteral(ch, js, at, run);
    }
    if (/[A-Za-z0-9]/.test(c)) refuse(`\\${c}`, at);
    // Escaped punctuation is that character.
    if (inClass) return escapeInClass(c);
    return SYNTAX.has(c) ? "\\" + c : c;
  };

  while (i < source.length) {
    const c = source[i];
    const run = caselessRun;
    caselessRun = "";
    if (inClass) {
      if (c === "]") {
        inClass = false;
        // Oniguruma folds a caseless class's members, then negates: [^a-z] excludes A-Z too.
        if (caseless) out += caseVariantsOfClass(out.slice(classStart + (classNegated ? 2 : 1)));
        out += "]";
        i++;
        if (classHasProperty) out = out.slice(0, classStart) + withUnassigned(out.slice(classStart), classNegated, unassigned);
      } else if (c === "\\") {
        out += escape();
      } else if (c === "[") {
        refuse("a nested character class", i);
      } else if (c === "&" && source[i + 1] === "&") {
        refuse("a class intersection (&&)", i);
      } else {
        const ch = String.fromCodePoint(source.codePointAt(i)!);
        checkClassChar(ch, i);
        out += ch;
        i += ch.length;
      }
      continue;
    }
    switch (c) {
      case "\\":
        out += escape(run);
        break;
      case "[":
        inClass = true;
        classStart = out.length;
        classNegated = source[i + 1] === "^";
        classHasProperty = false;
        out += "[";
        i++;
        if (source[i] === "^") {
          out += "^";
          i++;
        }
        if (source[i] === "]") {
          out += "\\]"; // a leading ] is literal in Oniguruma
          i++;
        }
        break;
      case "(": {
        const rest = source.slice(i);
        const m = /^\((\?(?::|=|!|<=|<!|<[A-Za-z_][A-Za-z0-9_]*>|i:))?/.exec(rest)!;
        if (rest.startsWith("(?") && !m[1]) refuse(`the group ${rest.slice(0, 4)}...`, i);
        ignoreCase.push(caseless);
        if (m[1] === "?i:") {
          caseless = true;
          out += "(?:";
        } else {
          out += m[0];
        }
        i += m[0].length;
        break;
      }
      case ")":
        if (ignoreCase.length === 0) refuse("an unbalanced )", i);
        caseless = ignoreCase.pop()!;
        out += ")";
        i++;
        break;
      case "*":
      case "+":
      case "?":
      case "{": {
        let q: string = c;
        if (c === "{") {
          // {n}, {n,}, {n,m} and Oniguruma's {,m}, which is {0,m} (JavaScript reads it as text).
          const m = /^\{(?:(\d+)|(\d*),(\d*))\}/.exec(source.slice(i));
          if (!m || m[0] === "{,}") {
            out += "\\{"; // not a quantifier: a literal brace, as Oniguruma reads it
            i++;
            break;
          }
          const min = Number(m[1] ?? (m[2] || "0"));
          const max = m[1] !== undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
          if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) refuse(`the repeat count ${quote(m[0])} (Oniguruma's limit is ${MAX_REPEAT})`, i);
          if (min > max) refuse(`the repeat range ${quote(m[0])}, whose bounds are out of order`, i);
          i += m[0].length;
          q = m[1] !== undefined ? `{${min}}` : `{${min},${max === Infinity ? "" : max}}`;
        } else {
          i += 1;
        }
        if (source[i] === "+") refuse("a possessive quantifier", i);
        if (source[i] === "?") {
          q += "?";
          i++;
        }
        out += q;
        break;
      }
      case "|":
        out += "|";
        i++;
        break;
      case "^":
      case "$":
        refuse(`the anchor ${c}`, i);
        break;
      case ".":
        out += "[^\\n]";
        i++;
        break;
      case "}":
      case "]":
        out += "\\" + c;
        i++;
        break;
      default: {
        const ch = String.fromCodePoint(source.codePointAt(i)!);
        out += caselessLiteral(ch, ch, i, run);
        i += ch.length;
      }
    }
  }
  if (inClass) refuse("an unclosed character class", source.length);
  if (ignoreCase.length) refuse("an unclosed group", source.length);
  return out;
}

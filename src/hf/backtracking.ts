// A static check that a Split regex (the JavaScript translation, see regex.ts) cannot make RegExp's
// backtracking blow up. RegExp has no time limit, so an untrusted tokenizer.json could otherwise hang
// an encode. Conservative: what it cannot prove cheap is refused by name. It refuses
//   - a repeated group (max > 1) holding an alternation or a variable quantifier: (a+)+, (a|aa)+
//     (exponential: a text can be split among the repeats in exponentially many ways);
//   - a lookaround holding a variable quantifier (each try rescans the text);
//   - two unbounded quantifiers in a row, or more than MAX_WAYS bounded choices, that something
//     after them can still fail: \p{L}*\p{L}+x (polynomial). The real models' patterns pass: their
//     quantifiers are followed by optional parts only, or by nothing.
// Backreferences, atomic groups and possessive quantifiers never reach here (regex.ts refuses them).

import { RegexTranslationError } from "./regex.js";

interface Item {
  group: Group | null; // null: one character, class or escape
  min: number;
  max: number;
  /** Where it starts in the translation. */
  at: number;
}

interface Group {
  look: boolean;
  branches: Item[][];
}

/** Choices (bounded quantifiers, alternatives) that a failure after them may retry, at most. */
const MAX_WAYS = 1024;
/** Nesting of groups, at most (the parser recurses; real patterns nest two deep). */
const MAX_DEPTH = 100;
/** A bounded quantifier with more choices than this counts as unbounded. */
const LARGE_RANGE = 64;

function refuse(what: string, at: number): never {
  throw new RegexTranslationError(`${what} at character ${at} of its JavaScript translation (RegExp could backtrack for exponential or polynomial time)`);
}

/** Parses the translation's syntax: groups, classes, escapes, quantifiers and alternation. */
function parse(source: string): Group {
  let i = 0;
  const branchesUntilClose = (depth: number): Item[][] => {
    if (depth > MAX_DEPTH) refuse(`groups nested over ${MAX_DEPTH} deep`, i);
    const branches: Item[][] = [[]];
    while (i < source.length && source[i] !== ")") {
      const c = source[i];
      const items = branches[branches.length - 1];
      if (c === "|") {
        branches.push([]);
        i++;
      } else if (c === "*" || c === "+" || c === "?" || c === "{") {
        const m = /^(?:\*|\+|\?|\{(\d+)(?:(,)(\d*))?\})\??/.exec(source.slice(i));
        const last = items[items.length - 1];
        if (!m || !last) return refuse("a quantifier without anything to repeat", i);
        last.min = c === "+" ? 1 : m[1] !== undefined ? Number(m[1]) : 0;
        last.max = c === "?" ? 1 : m[1] === undefined ? Infinity : m[2] === undefined ? last.min : m[3] === "" ? Infinity : Number(m[3]);
        i += m[0].length;
      } else if (c === "(") {
        const at = i;
        const prefix = /^\((?:\?(?::|=|!|<=|<!|<[A-Za-z_][A-Za-z0-9_]*>))?/.exec(source.slice(i))![0];
        i += prefix.length;
        const look = /^\(\?(?:=|!|<=|<!)/.test(prefix);
        const group = { look, branches: branchesUntilClose(depth + 1) };
        if (source[i] !== ")") refuse("an unclosed group", at);
        i++;
        items.push({ group, min: 1, max: 1, at });
      } else if (c === "[") {
        items.push({ group: null, min: 1, max: 1, at: i });
        for (i++; i < source.length && source[i] !== "]"; i++) if (source[i] === "\\") i++;
        i++;
      } else if (c === "\\") {
        items.push({ group: null, min: 1, max: 1, at: i });
        const m = /^\\(?:[pPu]\{[^}]*\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[^])/u.exec(source.slice(i));
        i += m ? m[0].length : 2;
      } else {
        items.push({ group: null, min: 1, max: 1, at: i });
        i += String.fromCodePoint(source.codePointAt(i)!).length;
      }
    }
    return branches;
  };
  const top = { look: false, branches: branchesUntilClose(0) };
  if (i < source.length) refuse("an unbalanced )", i);
  return top;
}

const variable = (item: Item): boolean => item.min !== item.max;

/** Whether an alternation or a variable quantifier is anywhere inside. */
function hasChoice(group: Group): boolean {
  if (group.branches.length > 1) return true;
  return group.branches.some((items) => items.some((item) => variable(item) || (item.group !== null && hasChoice(item.group))));
}

/** Whether the item can always match (so that nothing before it is retried): it can match empty, with no lookaround. */
function alwaysMatches(item: Item): boolean {
  if (item.min === 0) return true;
  if (item.group === null || item.group.look) return false;
  return item.group.branches.some((items) => items.every(alwaysMatches));
}

interface Cost {
  /** Unbounded quantifiers so far that a later failure retries (each multiplies the work by the text's length). */
  unbounded: number;
  /** Bounded choices so far, multiplied. */
  ways: number;
}

/**
 * The cost after `items`, from `cost` before them; `settled`: whether what follows them always
 * matches. Refuses where a failure would retry too much.
 */
function sequence(items: Item[], cost: Cost, settled: boolean): Cost {
  // settledAfter[k]: whether everything after items[k] always matches.
  const settledAfter: boolean[] = new Array(items.length);
  for (let k = items.length - 1, rest = settled; k >= 0; k--) {
    settledAfter[k] = rest;
    rest = rest && alwaysMatches(items[k]);
  }
  for (let k = 0; k < items.length; k++) {
    const item = items[k];
    const after = settledAfter[k];
    const group = item.group;
    if (group?.look) {
      if (hasChoice(group)) refuse("a lookaround with a quantifier or alternation inside", item.at);
      continue;
    }
    if (group && item.max > 1 && hasChoice(group)) refuse("a repeated group with a quantifier or alternation inside", item.at);
    if (group && item.max <= 1 && after && alwaysMatches(item)) {
      // A failure inside ends at the group, which can match empty, and nothing after it can fail:
      // what is before it is never retried. Its branches are checked on their own.
      for (const branch of group.branches) sequence(branch, { unbounded: 0, ways: 1 }, true);
    } else if (group && item.max <= 1) {
      const before = cost;
      cost = { unbounded: 0, ways: item.min === 0 ? before.ways : 0 };
      for (const branch of group.branches) {
        const inner = sequence(branch, before, after);
        cost.unbounded = Math.max(cost.unbounded, inner.unbounded);
        cost.ways += inner.ways;
      }
    } else if (variable(item)) {
      const range = item.max - item.min;
      cost = range > LARGE_RANGE ? { unbounded: cost.unbounded + 1, ways: cost.ways } : { unbounded: cost.unbounded, ways: cost.ways * (range + 1) };
    }
    if (!after && (cost.unbounded >= 2 || cost.ways > MAX_WAYS)) {
      refuse(cost.unbounded >= 2 ? "two unbounded quantifiers in a row with something after them that can fail" : `over ${MAX_WAYS} choices in a row with something after them that can fail`, item.at);
    }
  }
  return cost;
}

/** Throws a RegexTranslationError naming the construct if `jsSource` could backtrack super-linearly. */
export function checkBacktracking(jsSource: string): void {
  const top = parse(jsSource);
  for (const branch of top.branches) sequence(branch, { unbounded: 0, ways: 1 }, true);
}

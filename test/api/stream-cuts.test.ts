// Where streams and long texts are cut: every cut leaves the ids of the whole text, the work stays
// linear in the text however few places it has to cut, and the special-token matcher for large sets
// finds what the alternation finds.

import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { getEncoding, Tokenizer } from "bytepair";
import { SafeCutter, cutsBefore, safePieces, specialMatcher } from "../../src/text/segments.js";
import { pick, prng, randomInt, randomSlices } from "../helpers/random.js";
import { firstDifference } from "../helpers/reference.js";
import { ENGINES } from "../helpers/engines.js";

// Fragments that sit next to each cut rule's edges: spaces, newline runs, "\n/", letters before
// digits, marks, contractions, surrogate pairs, special tokens.
const FRAGMENTS = [
  "a", "Z", "q", "1", "9", "42", " ", "  ", "\n", "\n\n", "\r\n", "\r", "/", ".", "'", "'s", "'LL", "é", "日本",
  "\u0301", "²", "\t", "<", "|", "😀", "\u00a0", "\u3000", "-", "x/", "<|endoftext|>", "<|endofprompt|>", "<|fim_prefix|>",
];

function randomText(seed: number, length: number): string {
  const random = prng(seed);
  let text = "";
  while (text.length < length) text += pick(random, FRAGMENTS);
  return text;
}

async function collect(stream: AsyncIterable<Uint32Array>): Promise<number[]> {
  const ids: number[] = [];
  for await (const chunk of stream) for (const id of chunk) ids.push(id);
  return ids;
}

describe.each(ENGINES)("%s engine", (engine) => {
  test.each(["r50k_base", "cl100k_base", "o200k_base"] as const)("%s: streams of texts dense in cut-rule edges give the whole text's ids", async (name) => {
    const enc = await getEncoding(name, { engine });
    for (let seed = 1; seed <= 40; seed++) {
      const text = randomText(seed, 3000);
      const options = seed % 2 ? { allowedSpecial: "all" as const } : { disallowedSpecial: [] as string[] };
      const whole = Array.from(enc.encode(text, options));
      const chunks = randomSlices(text, seed, [1, 3, 17, 400][seed % 4]);
      const at = firstDifference(await collect(enc.encodeStream(chunks, options)), whole);
      if (at >= 0) expect.fail(`seed ${seed}: ids differ at ${at}`);
    }
  });
});

test("pieces are the text, in order, with their offsets", async () => {
  const text = randomText(7, 20_000);
  const matcher = specialMatcher(["<|endoftext|>", "<|endofprompt|>"]);
  let joined = "";
  for await (const { text: piece, offset } of safePieces(randomSlices(text, 7, 50), matcher, 15)) {
    expect(offset).toBe(joined.length);
    joined += piece;
  }
  expect(joined).toBe(text);
});

test("each cut is the last safe place the rules allow, as a scan of every position finds it", () => {
  for (let seed = 1; seed <= 30; seed++) {
    const text = randomText(seed, 4000).replaceAll(/<\|[a-z_]+\|>/g, "");
    const cutter = new SafeCutter(undefined, 0);
    let held = "";
    for (const chunk of randomSlices(text, seed, [1, 5, 60, 700][seed % 4])) {
      held += chunk;
      // Twin: every position from 2 to the last decided one (length - 2), the greatest that cuts.
      let expected = 0;
      for (let i = 2; i <= held.length - 2; i++) if (cutsBefore(held, i)) expected = i;
      const cut = cutter.push(chunk);
      if (cut !== expected) expect.fail(`seed ${seed}: cut at ${cut}, the rules allow ${expected}`);
      if (cut) held = held.slice(cutter.take().length);
    }
  }
});

describe("the work is linear in the text, with or without places to cut", () => {
  const random = prng(3);
  const base64 = Array.from({ length: 1 << 21 }, () => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[randomInt(random, 64)]).join("");
  const texts = {
    "no place to cut": "x".repeat(1 << 23),
    base64,
    "CJK prose": "日本語のテキストは空白なしで続く。".repeat(1 << 18),
    "one word per line": "word\n".repeat(1 << 20),
    "minified code": 'function f(a,b){return a+b};var x=f(1,2);if(x>2){console.log("x")}'.repeat(1 << 17),
  };
  test.each(Object.keys(texts) as Array<keyof typeof texts>)("%s in 4 KB chunks", (kind) => {
    const text = texts[kind];
    const cutter = new SafeCutter(specialMatcher(["<|endoftext|>"]), 13);
    let total = 0;
    for (let i = 0; i < text.length; i += 4096) {
      if (cutter.push(text.slice(i, i + 4096))) total += cutter.take().length;
    }
    total += cutter.rest().length;
    expect(total).toBe(text.length);
    // Each unit is looked at once, plus a few units of context at each chunk's start.
    expect(cutter.scannedUnits).toBeLessThan(text.length + (text.length / 4096 + 1) * 16);
  });
});

describe("special tokens in a set of more than a thousand", () => {
  const random = prng(11);
  const names = Array.from({ length: 3000 }, (_, i) => `<|${"ab".slice(0, 1 + (i % 2))}${i}${"|".repeat(i % 3)}>`);

  /** The obvious way: at each position, the longest name that starts there. */
  function naiveMatches(text: string): Array<[number, string]> {
    const found: Array<[number, string]> = [];
    for (let i = 0; i < text.length; ) {
      const here = names.filter((s) => text.startsWith(s, i)).sort((a, b) => b.length - a.length)[0];
      if (here) {
        found.push([i, here]);
        i += here.length;
      } else i++;
    }
    return found;
  }

  test("are found where the naive search finds them, leftmost and longest", () => {
    const matcher = specialMatcher(names)!;
    expect(matcher).not.toBeInstanceOf(RegExp);
    for (let n = 0; n < 200; n++) {
      let text = "";
      for (let k = 0; k < 20; k++) text += randomInt(random, 3) ? pick(random, names).slice(0, 2 + randomInt(random, 8)) : pick(random, names);
      const found: Array<[number, string]> = [];
      matcher.lastIndex = 0;
      for (let m = matcher.exec(text); m; m = matcher.exec(text)) found.push([m.index, m[0]]);
      expect(found).toEqual(naiveMatches(text));
      expect(matcher.lastIndex).toBe(0);
    }
  });

  test("300,000 of them load, encode and stream in seconds, not minutes", async () => {
    const require = createRequire(import.meta.url);
    const file = readFileSync(require.resolve("gpt-tokenizer/data/r50k_base.tiktoken"));
    // By name: each gets the next id after the file's 50,256 (resolving names was quadratic).
    const names = Array.from({ length: 300_000 }, (_, i) => `<|sp${i}|>`);
    const tok = await Tokenizer.fromTiktoken(file, { specialTokens: names, pattern: "gpt2" });
    expect(tok.specialTokens.get("<|sp299999|>")).toBe(50256 + 299_999);
    const text = "hello <|sp5|> world <|sp299999|> end";
    const ids = Array.from(tok.encode(text, { allowedSpecial: "all" }));
    expect(ids).toContain(50256 + 5);
    expect(ids).toContain(50256 + 299_999);
    expect(await collect(tok.encodeStream(randomSlices(text, 1, 4), { allowedSpecial: "all" }))).toEqual(ids);
    expect(tok.isWithinTokenLimit("abc <|sp1|>", 10, { allowedSpecial: "all" })).toBe(3);
    expect(() => tok.isWithinTokenLimit("abc <|sp1|>", 10)).toThrow(expect.objectContaining({ code: "DISALLOWED_SPECIAL_TOKEN", offset: 4 }));
  });
});

// The tokenizer.json loader against hostile and unusual files: regexes whose backtracking could hang
// (refused at load), Oniguruma syntax that JavaScript reads differently ((?i:) classes and ranges,
// empty matches, {,n}: the same pieces as `tokenizers` on the same JSON), and files nested or sized
// to overflow the call stack (a BytepairError, never a RangeError). That the real models' files pass the
// backtracking check is test/parity/huggingface.test.ts's first step: it loads every one.

import { describe, expect, test, beforeAll } from "vitest";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Tokenizer, BytepairError } from "bytepair";
import { Tokenizer as HfNative } from "tokenizers";
import { readHfPipeline } from "../../src/hf/config.js";
import { RegexPreTokenizer } from "../../src/hf/pretokenize.js";
import { ASCII_FOLD_STRINGS, multiCharFoldStrings } from "../../src/hf/case-fold.js";

type Json = any;
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let base: Json;
beforeAll(async () => {
  const bytes = new Map(Array.from({ length: 256 }, (_, b) => [b, Uint8Array.of(b)] as [number, Uint8Array]));
  base = JSON.parse(JSON.stringify((await Tokenizer.fromBpe({ vocab: bytes, merges: [] })).toHuggingFace()));
});

/** The base file with these Splits before a ByteLevel that only maps bytes. */
function withSplits(splits: Array<[string, string, boolean]>): Json {
  const json = structuredClone(base);
  json.pre_tokenizer = {
    type: "Sequence",
    pretokenizers: [
      ...splits.map(([Regex, behavior, invert]) => ({ type: "Split", pattern: { Regex }, behavior, invert })),
      { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false },
    ],
  };
  return json;
}

async function loadError(json: unknown): Promise<unknown> {
  return Tokenizer.fromHuggingFace(json as object).then(
    () => undefined,
    (e) => e,
  );
}

describe("regexes that could backtrack super-linearly are refused at load", () => {
  test.each([
    ["(a|aa)+b", "a repeated group"],
    ["(a+)+b", "a repeated group"],
    ["(?:\\p{L}|a)*!", "a repeated group"],
    ["x(?=a+b)", "a lookaround"],
    ["\\p{L}*\\p{L}+1", "two unbounded quantifiers"],
    ["\\s*\\s*\\s*x", "two unbounded quantifiers"],
    ["a?a?a?a?a?a?a?a?a?a?a?a?aaaaaaaaaaaa!", "choices"],
  ])("%s", async (pattern, what) => {
    const error = await loadError(withSplits([["\\s+", "Isolated", false], [pattern, "Isolated", false]]));
    expect(error).toBeInstanceOf(BytepairError);
    expect(error).toMatchObject({ code: "UNSUPPORTED_TOKENIZER" });
    expect((error as Error).message).toContain(what);
    expect((error as Error).message).toMatch(/ at \$\.pre_tokenizer\.pretokenizers\[1\]\.pattern\.Regex$/);
  });
});

/** The pieces `tokenizers` makes of `text` with these Splits alone. */
function nativePieces(splits: Array<[string, string, boolean]>, text: string): string[] {
  const json = structuredClone(base);
  json.pre_tokenizer = { type: "Sequence", pretokenizers: splits.map(([Regex, behavior, invert]) => ({ type: "Split", pattern: { Regex }, behavior, invert })) };
  return HfNative.fromString(JSON.stringify(json)).getPreTokenizer()!.preTokenizeString(text).map(([piece]) => piece);
}

function ourPieces(splits: Array<[string, string, boolean]>, text: string): string[] {
  const cuts = new RegexPreTokenizer(readHfPipeline(withSplits(splits)).splits).split(text);
  const pieces: string[] = [];
  for (let i = 0; i < cuts.length; i += 2) pieces.push(text.slice(cuts[i], cuts[i + 1]));
  return pieces;
}

describe("Oniguruma syntax that JavaScript reads differently: the same pieces as tokenizers", () => {
  const behaviors = ["Isolated", "Removed", "MergedWithPrevious", "MergedWithNext", "Contiguous"];
  const texts = ["ab cd", "abbc", "aabbaa x", "AbCd[\\]^_`z", "ſKkK sS", "aaaaa{,2}{,}", "σςΣ ǄǅǆD µμΜ", "Привет МИР ёЁ", "  a  b\n\nÄÖäöz"];
  const patterns: Array<[string, string]> = [
    ["(?i:[a-c])+", "a range in a caseless group"],
    ["(?i:[A-Z])", "an upper-case range in a caseless group"],
    ["(?i:[^a-z])+", "a negated range in a caseless group"],
    ["(?i:[k-m])", "a range holding k (K, the Kelvin sign)"],
    ["(?i:[\\x41-\\x43])+", "a range of escapes in a caseless group"],
    ["(?i:\\x41)", "an escaped letter in a caseless group"],
    ["(?i:[ä-ö])+", "a non-ASCII range in a caseless group"],
    ["(?i:[\\u0400-\\u04ff])+", "a Cyrillic range in a caseless group"],
    ["(?i:[\\p{Lu}])", "a property in a caseless class"],
    ["(?i:σ|ǅ|µ)", "non-ASCII letters with several variants"],
    ["\\s*", "a pattern that matches empty"],
    ["b*", "empty matches beside non-empty ones"],
    ["(?=b)|(?<=a)", "lookarounds alone"],
    ["|a", "an empty first alternative"],
    ["a{,2}", "{,n}"],
    ["a{,2}?", "lazy {,n}"],
    ["a{,}", "{,}, which is text"],
  ];
  test.each(patterns)("%s (%s)", (pattern) => {
    for (const behavior of behaviors) {
      for (const invert of [false, true]) {
        for (const text of texts) {
          const splits: Array<[string, string, boolean]> = [[pattern, behavior, invert]];
          expect(ourPieces(splits, text), `${behavior}, invert ${invert}, ${JSON.stringify(text)}`).toEqual(nativePieces(splits, text));
        }
      }
    }
  });

  test("an empty match before a character outside the BMP does not loop forever", () => {
    // Run in a child process: the old code looped forever here, which no test timeout can stop.
    const script = `
      import { Tokenizer } from ${JSON.stringify(join(ROOT, "build/index.js"))};
      const json = JSON.parse(process.argv[1]);
      const t = await Tokenizer.fromHuggingFace(json);
      console.log(JSON.stringify(Array.from(t.encode("a\\u{1F600}b\\u{1F600}\\u{1F600}"))));`;
    const json = withSplits([["x*", "Isolated", false]]);
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(json)], { timeout: 30_000, encoding: "utf8" });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    const native = nativePieces([["x*", "Isolated", false]], "a\u{1F600}b\u{1F600}\u{1F600}");
    expect(native).toEqual(["a", "\u{1F600}", "b", "\u{1F600}", "\u{1F600}"]);
    expect(JSON.parse(run.stdout)).toEqual(Array.from(Buffer.from("a\u{1F600}b\u{1F600}\u{1F600}")));
  });

  test.each([
    ["(?i:ß)", "several characters"],
    ["(?i:[ß])", "several characters"],
    ["(?i:ss)", "one character"],
    ["(?i:'st)", "one character"],
    ["a{200000}", "limit is 100000"],
    ["a{3,1}", "out of order"],
  ])("%s, which JavaScript cannot match as Oniguruma does, is refused", async (pattern, what) => {
    const error = await loadError(withSplits([[pattern, "Isolated", false]]));
    expect(error).toMatchObject({ code: "UNSUPPORTED_TOKENIZER" });
    expect((error as Error).message).toContain(what);
    expect((error as Error).message).toMatch(/at \$\.pre_tokenizer\.pretokenizers\[0\]\.pattern\.Regex$/);
  });

  test("the ASCII fold strings that case-fold.ts lists without the table are all of them", () => {
    const ascii = multiCharFoldStrings().filter((s) => /^[\x00-\x7f]*$/.test(s));
    expect([...ascii].sort()).toEqual([...ASCII_FOLD_STRINGS].sort());
  });
});

describe("files nested or sized to overflow the call stack", () => {
  // Built as text: JSON.stringify itself overflows on such depths (JSON.parse does not).
  const nested = (depth: number, open: string, leaf: string, close: string): string => open.repeat(depth) + leaf + close.repeat(depth);
  test.each([
    ["pre_tokenizer", "pre_tokenizer", nested(10_000, '{"type":"Sequence","pretokenizers":[', '{"type":"ByteLevel","use_regex":false}', "]}")],
    ["normalizer", "normalizer", nested(10_000, '{"type":"Sequence","normalizers":[', '{"type":"NFC"}', "]}")],
    ["post_processor", "post_processor", nested(10_000, '{"type":"Sequence","processors":[', '{"type":"ByteLevel"}', "]}")],
    ["step's type (arrays)", "pre_tokenizer", `{"type":${nested(100_000, "[", "", "]")}}`],
  ])("a %s nested 10,000 deep or more is an UNSUPPORTED_TOKENIZER error", async (_, key, value) => {
    const text = JSON.stringify({ ...base, [key]: "@" }).replace('"@"', value);
    for (const form of [text, JSON.parse(text)]) {
      const error = await loadError(form);
      expect(error).toBeInstanceOf(BytepairError);
      expect(error).toMatchObject({ code: "UNSUPPORTED_TOKENIZER" });
    }
  });

  test("a regex with groups nested 100,000 deep is refused, not a RangeError", async () => {
    const error = await loadError(withSplits([["(".repeat(100_000) + "a" + ")".repeat(100_000), "Isolated", false]]));
    expect(error).toMatchObject({ code: "UNSUPPORTED_TOKENIZER", message: expect.stringMatching(/nested/) });
  });

  test("a TemplateProcessing with a million ids loads", async () => {
    const json = structuredClone(base);
    const ids = new Array(1_000_000).fill(65);
    json.post_processor = {
      type: "TemplateProcessing",
      single: [{ SpecialToken: { id: "<many>", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }],
      pair: [],
      special_tokens: { "<many>": { id: "<many>", ids, tokens: ids.map(() => "A") } },
    };
    const tokenizer = await Tokenizer.fromHuggingFace(json);
    expect(tokenizer.encode("b").length).toBe(1_000_001);
  });
});

// Mistral's tekken.json (test/fixtures/tekken/, made from the published format: its README) through
// Tokenizer.fromTekken and fromTiktoken: ids against tiktoken's own Tiktoken class built from the
// same ranks and pattern, offset by the special tokens as mistral-common does; malformed files.

import { describe, expect, test, afterAll } from "vitest";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Tiktoken } from "tiktoken";
import { Tokenizer, BytepairError } from "bytepair";
import { firstDifference } from "../helpers/reference.js";

const FILE = new URL("../fixtures/tekken/tekken.json", import.meta.url);
const text = readFileSync(FILE, "utf8");
const tekken = JSON.parse(text);
const numSpecial: number = tekken.config.default_num_special_tokens;
const kept: number = tekken.config.default_vocab_size - numSpecial;

// The twin: tiktoken with the first `kept` ranks and no special tokens (as mistral-common builds its
// tiktoken.Encoding), every id then moved up by the number of special tokens.
const twin = new Tiktoken(`! 0 ${tekken.vocab.slice(0, kept).map((t: { token_bytes: string }) => t.token_bytes).join(" ")}`, {}, tekken.config.pattern);
afterAll(() => twin.free());
const mistralIds = (s: string): number[] => Array.from(twin.encode_ordinary(s), (id) => id + numSpecial);

const SAMPLES = [
  "Hello, world! It's 2024: we're testing Tekken's pattern.",
  "CamelCaseWords andUPPERcase, don't split 'll 've contractions",
  "numbers 1234567 3.14159 and 00042\n\n\n  indented\tline\r\n",
  "ünïcödé naïve café — 日本語のテキスト, Ελληνικά, русский, عربى 👍🏽",
  "path/to/file.ts // comment\n    x = y ** 2;  \n",
  "<s>[INST] looks special [/INST]</s> but is text",
  "",
  "   ",
];

describe("tekken.json: mistral-common's ids", async () => {
  const tokenizer = await Tokenizer.fromTekken(FILE);

  test.each(SAMPLES.map((s) => [JSON.stringify(s).slice(0, 40), s]))("%s", (_, sample) => {
    const ours = Array.from(tokenizer.encodeOrdinary(sample));
    const theirs = mistralIds(sample);
    expect(firstDifference(ours, theirs)).toBe(-1);
    expect(tokenizer.decode(ours)).toBe(sample);
    expect(tokenizer.count(sample, { disallowedSpecial: [] })).toBe(theirs.length);
  });

  test("a longer mixed text, both engines", async () => {
    const long = SAMPLES.join(" ").repeat(40);
    const js = await Tokenizer.fromTekken(tekken, { engine: "js" });
    expect(firstDifference(tokenizer.encodeOrdinary(long), mistralIds(long))).toBe(-1);
    expect(firstDifference(js.encodeOrdinary(long), mistralIds(long))).toBe(-1);
  });

  test("special tokens are ids 0 .. n-1, fillers <SPECIAL_i> after the listed ones; vocabSize is default_vocab_size", () => {
    const specials = tokenizer.specialTokens;
    expect(specials.size).toBe(numSpecial);
    tekken.special_tokens.forEach((t: { rank: number; token_str: string }) => expect(specials.get(t.token_str)).toBe(t.rank));
    for (let i = tekken.special_tokens.length; i < numSpecial; i++) expect(specials.get(`<SPECIAL_${i}>`)).toBe(i);
    expect(tokenizer.vocabSize).toBe(tekken.config.default_vocab_size);
    expect(tokenizer.info().path).toBe("regexp");
  });

  test("specials: an error in text by default, their ids when allowed; decode gives their text", () => {
    const error = (() => { try { tokenizer.encode("a <s> b"); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(BytepairError);
    expect(error).toMatchObject({ code: "DISALLOWED_SPECIAL_TOKEN" });
    const ids = Array.from(tokenizer.encode("<s>[INST]hi[/INST]", { allowedSpecial: "all" }));
    expect(ids).toEqual([1, 3, ...mistralIds("hi"), 4]);
    expect(tokenizer.decode(ids)).toBe("<s>[INST]hi[/INST]");
  });

  test("a token past default_vocab_size is not kept: its id is invalid, and text uses kept tokens only", () => {
    expect(() => tokenizer.decode([tekken.config.default_vocab_size])).toThrow(BytepairError);
    const dropped = Buffer.from(tekken.vocab[kept].token_bytes, "base64").toString("latin1");
    expect(Array.from(tokenizer.encodeOrdinary(dropped))).toEqual(mistralIds(dropped));
  });
});

test("every kind of source gives the same ids, through fromTekken and fromTiktoken", async () => {
  const dir = mkdtempSync(join(tmpdir(), "bytepair-tekken-"));
  try {
    const file = join(dir, "tekken.json");
    writeFileSync(file, `\n ${text}`);
    const sample = SAMPLES.join("\n");
    const expected = mistralIds(sample);
    for (const source of [tekken, text, file, pathToFileURL(file), new Uint8Array(readFileSync(file))]) {
      for (const load of [Tokenizer.fromTekken, Tokenizer.fromTiktoken]) {
        const tokenizer = await load(source as string);
        expect(Array.from(tokenizer.encodeOrdinary(sample))).toEqual(expected);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("a file without special_tokens", () => {
  const { special_tokens: _, ...rest } = tekken;
  // mistral-common's Tekkenizer.DEPRECATED_SPECIAL_TOKENS, written out here from its SpecialTokens values.
  const defaults = ["<unk>", "<s>", "</s>", "[INST]", "[/INST]", "[AVAILABLE_TOOLS]", "[/AVAILABLE_TOOLS]", "[TOOL_RESULTS]",
    "[/TOOL_RESULTS]", "[TOOL_CALLS]", "[IMG]", "<pad>", "[IMG_BREAK]", "[IMG_END]", "[PREFIX]", "[MIDDLE]", "[SUFFIX]",
    "[SYSTEM_PROMPT]", "[/SYSTEM_PROMPT]", "[TOOL_CONTENT]"];
  const config = { ...rest.config, default_num_special_tokens: 20, default_vocab_size: 20 + kept, version: "v3" };

  test("up to v7: mistral-common's default list, ids shifted by 20", async () => {
    const tokenizer = await Tokenizer.fromTekken({ ...rest, config });
    expect([...tokenizer.specialTokens]).toEqual(defaults.map((t, i) => [t, i]));
    const sample = SAMPLES[0];
    expect(Array.from(tokenizer.encodeOrdinary(sample))).toEqual(Array.from(twin.encode_ordinary(sample), (id) => id + 20));
  });

  test("after v7: refused; fewer special ids than the defaults: refused", async () => {
    await expect(Tokenizer.fromTekken({ ...rest, config: { ...config, version: "v11" } })).rejects.toMatchObject({
      code: "INVALID_VOCAB",
      message: expect.stringMatching(/^tekken\.json \$\.special_tokens: missing/),
    });
    await expect(Tokenizer.fromTekken(rest)).rejects.toMatchObject({ code: "INVALID_VOCAB", message: expect.stringMatching(/lists 20 special tokens, more than default_num_special_tokens \(16\)/) });
  });
});

describe("bad tekken.json is INVALID_VOCAB, saying where", () => {
  const bytes = Array.from({ length: 256 }, (_, b) => ({ rank: b, token_bytes: Buffer.from([b]).toString("base64"), token_str: null }));
  const config = { pattern: "\\s+|\\S+", num_vocab_tokens: 258, default_vocab_size: 260, default_num_special_tokens: 2, version: "v7" };
  const vocab = [...bytes, { rank: 256, token_bytes: "YWI=", token_str: "ab" }, { rank: 257, token_bytes: "YWJj", token_str: "abc" }];
  const specials = [{ rank: 0, token_str: "<s>", is_control: true }];
  const good = { config, vocab, special_tokens: specials };
  const withVocab = (i: number, entry: unknown) => ({ ...good, vocab: vocab.map((v, k) => (k === i ? entry : v)) });
  const cases: [string, unknown, RegExp][] = [
    ["not JSON", "{ nope", /^tekken\.json: not valid JSON/],
    ["config not an object", { ...good, config: [] }, /^tekken\.json \$\.config: expected an object/],
    ["no pattern", { ...good, config: { ...config, pattern: "" } }, /\$\.config\.pattern: expected/],
    ["bad version", { ...good, config: { ...config, version: "7" } }, /\$\.config\.version: expected "v" and a number, .* got "7"/],
    ["bad vocab size", { ...good, config: { ...config, default_vocab_size: 2.5 } }, /\$\.config\.default_vocab_size: expected an integer/],
    ["no room for ordinary tokens", { ...good, config: { ...config, default_num_special_tokens: 260 } }, /default_num_special_tokens: 260 leaves no ordinary token/],
    ["vocab not an array", { ...good, vocab: {} }, /\$\.vocab: expected an array/],
    ["too few tokens", { ...good, config: { ...config, default_vocab_size: 261 } }, /\$\.vocab: holds 258 tokens; .* needs 259/],
    ["rank out of order", withVocab(257, { rank: 300, token_bytes: "YWJj" }), /\$\.vocab\[257\]\.rank: expected 257 .* got "300"/],
    ["bad base64", withVocab(256, { rank: 256, token_bytes: "Y*==" }), /\$\.vocab\[256\]\.token_bytes: "Y\*==" is not the base64/],
    ["bytes not in byte order", withVocab(65, { rank: 65, token_bytes: "QkM=" }), /\$\.vocab\[65\]\.token_bytes: rank 65 must be the single byte 65, got "BC"/],
    ["token twice", withVocab(257, { rank: 257, token_bytes: "YWI=" }), /\$\.vocab\[257\]\.token_bytes: token "ab" is already rank 256/],
    ["special out of order", { ...good, special_tokens: [{ rank: 1, token_str: "<s>" }] }, /\$\.special_tokens\[0\]\.rank: expected 0/],
    ["special twice", { ...good, special_tokens: [...specials, { rank: 1, token_str: "<s>" }] }, /\$\.special_tokens\[1\]: "<s>" is already special token 0/],
    ["special not a string", { ...good, special_tokens: [{ rank: 0, token_str: 5 }] }, /\$\.special_tokens\[0\]\.token_str: expected the token's text, got "5"/],
  ];
  test.each(cases)("%s", async (_, source, message) => {
    const error = await Tokenizer.fromTekken(source as string).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BytepairError);
    expect(error).toMatchObject({ code: "INVALID_VOCAB", message: expect.stringMatching(message) });
  });

  test("the smallest good file loads: ids shifted by 2, the last rank cut (default_vocab_size 260 keeps 258)", async () => {
    const tokenizer = await Tokenizer.fromTekken({ ...good, config: { ...config, default_vocab_size: 259 } });
    expect(Array.from(tokenizer.encodeOrdinary("abc ab"))).toEqual([256 + 2, 99 + 2, 32 + 2, 256 + 2]);
    expect(tokenizer.specialTokens).toEqual(new Map([["<s>", 0], ["<SPECIAL_1>", 1]]));
  });

  test("a pattern RegExp cannot run: UNSUPPORTED_TOKENIZER; specialTokens: INVALID_ARGUMENT", async () => {
    await expect(Tokenizer.fromTekken({ ...good, config: { ...config, pattern: "(?<=a)b|[" } })).rejects.toMatchObject({
      code: "UNSUPPORTED_TOKENIZER",
      message: expect.stringMatching(/^tekken\.json \$\.config\.pattern: .* cannot run as a JavaScript RegExp/),
    });
    await expect(Tokenizer.fromTiktoken(good as never, { specialTokens: ["<x>"] })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  });
});

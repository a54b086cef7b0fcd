// The lecture's tokenizers (characters, bytes, words, BPE) behind one interface, checked against what
// each one is by definition: code points, UTF-8 bytes, regex words, tiktoken's ids.

import { describe, expect, test } from "vitest";
import { lecture, BytepairError } from "bytepair";
import { corpusDocuments, corpusText } from "../helpers/corpus.js";
import { reference } from "../helpers/reference.js";

const { CharacterTokenizer, ByteTokenizer, WordTokenizer, compressionRatio } = lecture;

// Every 8th UDHR translation: hundreds of scripts; then characters from other planes.
const multilingual = [...corpusDocuments("udhr").filter((_, i) => i % 8 === 0), "Other planes: 👋🏽 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠀋𠂤 🇫🇷"].join("\n\n");
const english = corpusText("brown").slice(0, 400_000);
const utf8 = (s: string) => new TextEncoder().encode(s);
const edgeCases = "Hello, world! naïve 日本語 👋🏽 e\u0301 \ud800 lone \udfff surrogates <|endoftext|>\r\n\t";

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, at), (at += p.length);
  return out;
}

test("the multilingual sample really is multilingual", () => {
  expect(new Set(Array.from(multilingual, (c) => c.codePointAt(0)! >> 8)).size).toBeGreaterThan(50); // 256-code-point blocks
  expect([...multilingual].some((c) => c.codePointAt(0)! > 0xffff)).toBe(true);
});

describe("characters", () => {
  const tok = new CharacterTokenizer();

  test("ids are the code points, vocabulary every code point", () => {
    expect(tok.vocabSize).toBe(0x10ffff + 1);
    for (const text of [multilingual, edgeCases]) {
      expect(Array.from(tok.encode(text))).toEqual(Array.from(text, (c) => c.codePointAt(0)));
      expect(tok.decode(tok.encode(text))).toBe(text);
    }
    expect(Array.from(tok.encode("👋"))).toEqual([0x1f44b]);
    expect(tok.decode([0x10ffff])).toBe("\u{10ffff}");
  });

  test("compression: UTF-8 bytes per code point, 1 on ASCII", () => {
    expect(compressionRatio(tok, "plain ASCII text")).toBe(1);
    expect(compressionRatio(tok, "日本語")).toBe(3);
    expect(compressionRatio(tok, multilingual)).toBe(utf8(multilingual).length / [...multilingual].length);
    expect(compressionRatio(tok, multilingual)).toBeGreaterThan(1);
  });

  test("ids outside the code points are INVALID_TOKEN_ID", () => {
    for (const bad of [0x110000, -1, 1.5, "65"]) {
      expect(() => tok.decode([65, bad as number])).toThrow(expect.objectContaining({ code: "INVALID_TOKEN_ID", index: 1 }));
    }
    expect(() => tok.tokenBytes(0x110000)).toThrow(BytepairError);
  });
});

describe("bytes", () => {
  const tok = new ByteTokenizer();

  test("ids are the UTF-8 bytes; 256 ids; compression exactly 1", () => {
    expect(tok.vocabSize).toBe(256);
    for (const text of [multilingual, edgeCases]) {
      expect(Array.from(tok.encode(text))).toEqual(Array.from(Buffer.from(text, "utf8")));
      expect(compressionRatio(tok, text)).toBe(1);
    }
    expect(tok.decode(tok.encode(multilingual))).toBe(multilingual);
    expect(tok.decode([0xe6, 0x97])).toBe("\ufffd"); // half a character (日 is E6 97 A5): U+FFFD, as TextDecoder does
    expect(() => tok.decode([256])).toThrow(expect.objectContaining({ code: "INVALID_TOKEN_ID", id: 256, index: 0 }));
  });
});

describe("words", () => {
  test("a worked example: most frequent first, first seen first on ties, <unk> for the rest", () => {
    // GPT-2's split of "a a a b b c": "a", " a", " a", " b", " b", " c".
    const tok = WordTokenizer.train("a a a b b c");
    expect(tok.words).toEqual(["<unk>", " a", " b", "a", " c"]);
    expect(tok.vocabSize).toBe(5);
    expect(tok.encode("a b d")).toEqual([3, 2, 0]);
    expect(tok.decode(tok.encode("a b d"))).toBe("a b<unk>");
    expect(WordTokenizer.train("a a a b b c", { maxVocabSize: 3 }).words).toEqual(["<unk>", " a", " b"]);
    expect(WordTokenizer.train("one two", { pattern: /\w+|./su }).words).toEqual(["<unk>", "one", " ", "two"]);
  });

  test("the vocabulary is the training text's distinct words; they round-trip, unseen ones are <unk>", () => {
    const training = english.slice(0, 200_000);
    const tok = WordTokenizer.train(training);
    const distinct = new Set(training.match(lecture.GPT2_WORDS));
    expect(tok.vocabSize).toBe(distinct.size + 1);
    expect(tok.decode(tok.encode(training))).toBe(training);

    const heldOut = english.slice(200_000, 300_000);
    const words = heldOut.match(lecture.GPT2_WORDS)!;
    const ids = tok.encode(heldOut);
    expect(ids.length).toBe(words.length);
    const unknown = words.filter((w) => !distinct.has(w));
    expect(unknown.length).toBeGreaterThan(0); // real text always has new words
    expect(ids.filter((id) => id === tok.unkId).length).toBe(unknown.length);
    expect(tok.decode(ids)).toBe(words.map((w) => (distinct.has(w) ? w : "<unk>")).join(""));
  });

  test("multilingual text and odd characters still split into words that join back", () => {
    const tok = WordTokenizer.train(multilingual + edgeCases);
    expect(tok.decode(tok.encode(multilingual))).toBe(multilingual);
    expect(tok.decode(tok.encode(edgeCases))).toBe(edgeCases);
    expect(lecture.splitWords("x\u0000y", /x|y/g)).toEqual(["x", "\u0000", "y"]); // gaps between matches are words too
  });
});

describe("BPE", () => {
  test("named encodings: tiktoken's ids (special tokens as text), vocabulary, round trip", async () => {
    // tiktoken's n_vocab: gpt2 is 256 bytes + 50,000 merges + <|endoftext|>; o200k_base's largest id is <|endofprompt|>, 200018.
    for (const [name, nVocab] of [["gpt2", 50_257], ["o200k_base", 200_019]] as const) {
      const tok = await lecture.bpe(name);
      expect(tok.vocabSize).toBe(nVocab);
      for (const text of [multilingual, edgeCases]) {
        expect(Array.from(tok.encode(text))).toEqual(Array.from(reference(name).encode_ordinary(text)));
      }
      expect(tok.decode(tok.encode(multilingual))).toBe(multilingual);
      const ids = Array.from(tok.encode(edgeCases));
      expect(concat(ids.map((id) => tok.tokenBytes(id)))).toEqual(utf8(edgeCases.replace(/[\ud800-\udfff](?![\udc00-\udfff])/gu, "\ufffd")));
    }
  });

  test("a trained one: the vocabulary asked for, round trip", async () => {
    const tok = await lecture.trainBpe(english.slice(0, 100_000), { vocabSize: 600 });
    expect(tok.vocabSize).toBe(600);
    expect(tok.decode(tok.encode(multilingual))).toBe(multilingual);
    expect(Math.max(...tok.encode(english.slice(100_000, 120_000)))).toBeLessThan(600);
  });

  test("compression on English: bytes 1 <= characters < trained BPE < gpt2, o200k_base; o200k_base best on other scripts", async () => {
    const text = english.slice(300_000);
    const [chars, bytes, gpt2, o200k, trained] = [
      new CharacterTokenizer(),
      new ByteTokenizer(),
      await lecture.bpe("gpt2"),
      await lecture.bpe("o200k_base"),
      await lecture.trainBpe(english.slice(0, 300_000), { vocabSize: 1000 }),
    ].map((tok) => compressionRatio(tok, text));
    expect(bytes).toBe(1);
    expect(chars).toBeGreaterThanOrEqual(1);
    expect(chars).toBeLessThan(1.01); // English is nearly all ASCII
    expect(trained).toBeGreaterThan(2 * chars);
    expect(gpt2).toBeGreaterThan(trained);
    expect(gpt2).toBeGreaterThan(3.5); // about four bytes per token is the well-known figure for English
    expect(o200k).toBeGreaterThan(3.5);
    expect(compressionRatio(await lecture.bpe("o200k_base"), multilingual)).toBeGreaterThan(compressionRatio(await lecture.bpe("gpt2"), multilingual));
  });
});

test("every tokenizer: the bytes of its tokens are the text's UTF-8; empty text has no ratio", async () => {
  const text = "Tokenizers cut text: naïve 日本語 👋 e\u0301";
  const all = [new CharacterTokenizer(), new ByteTokenizer(), WordTokenizer.train(text), await lecture.bpe("cl100k_base")];
  for (const tok of all) {
    expect(concat(Array.from(tok.encode(text), (id) => tok.tokenBytes(id))), tok.name).toEqual(utf8(text));
    expect(tok.decode(tok.encode(text))).toBe(text);
    expect(Array.from(tok.encode(""))).toEqual([]);
    expect(() => compressionRatio(tok, "")).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => tok.encode(42 as never)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  }
});

// SentencePiece-style BPE (byte_fallback over characters) from real tokenizer.json files (Llama 2,
// Gemma 1-3, Yi, InternLM2; the @lenml/tokenizer-* packages) against `tokenizers` (Rust, native): the
// same ids on a sample of the corpus in many scripts, on edge cases and on 300 fuzzed texts per file,
// with and without the template's tokens, added tokens inside text, and decode (of encodings and of
// random ids, whose byte tokens make invalid UTF-8). Metaspace pre-tokenizers, which newer files of the
// same models use, are checked on Llama 2's vocabulary with each prepend_scheme and split.

import { describe, expect, test, beforeAll, afterAll } from "vitest";
import { readFileSync } from "node:fs";
import { Tokenizer, BytepairError } from "bytepair";
import { Tokenizer as HfNative } from "tokenizers";
import { corpora, corpusDocuments } from "../helpers/corpus.js";
import { fuzzText, prng } from "../fuzz/text.mjs";
import { modelDir } from "../helpers/models.js";

const MODELS = ["llama2", "gemma", "gemma2", "gemma3", "yi", "internlm2"] as const;

const readJson = (model: string): string => readFileSync(new URL("tokenizer.json", modelDir(model)), "utf8");

// About 15 documents of each corpus (udhr: hundreds of languages), each cut to 1,500 characters.
const SAMPLE: string[] = corpora.flatMap(({ name }) => {
  const docs = corpusDocuments(name);
  const step = Math.max(1, Math.floor(docs.length / 15));
  return docs.filter((_, i) => i % step === 0).map((d) => d.slice(0, 1500));
});

const EDGE: string[] = [
  "Hello world", " Hello", "  two leading", "trailing  ", "   ", " ", "", "a  b   c    d", "tabs\t\tand\nnewlines\n\n\n",
  "line\r\nline\r\n\r\nend\r", "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n x", "NUL\u0000inside\u0000\u0000",
  "👨‍👩‍👧‍👦 family 🏳️‍🌈 flag 👍🏽 🜁🜂🜃 𓀀𓀁", "中文分词测试，日本語のテキスト、カタカナ。한국어 텍스트", "עברית ועוד العربية والمزيد",
  "ᚠᛇᚻ ⵣⵉⵎ 𐍈𐌰 ꦲꦏ ꧁꧂ 〄〠 ㉿", "e\u0301 n\u0303 A\u030a é ñ Å", "ſ Kelvin K ﬁ ＡＢＣ", "\u00a0\u2009\u3000x\u200bz",
  "\ud800 lone surrogate", "\udc99\udcf5 two", "▁ already ▁▁ metaspace", "<0x41> <0xE2> literal byte tokens", "<unk> <s> </s> <pad>",
  "mixed123abc456 3.14159 2024-01-01 ١٢٣", "a\t b\n c> d\t\t  e <x> y", // characters some files join to a following ▁ "...!!!???", "don't DON'T we'll", "a/b//c http://example.com/x?y=1", "\u{10FFFF}\u{E0001}\u{F0000}",
];

async function nativeIds(native: HfNative, texts: string[], addSpecialTokens: boolean): Promise<number[][]> {
  const encodings = await native.encodeBatch(texts, { addSpecialTokens });
  return encodings.map((e) => e.getIds());
}

/** The first text whose ids differ, described; null when all agree. */
function firstDifference(texts: string[], ours: (t: string) => ArrayLike<number>, theirs: (t: string, i: number) => ArrayLike<number>): string | null {
  for (let i = 0; i < texts.length; i++) {
    const a = Array.from(ours(texts[i]));
    const b = Array.from(theirs(texts[i], i));
    const at = a.findIndex((id, k) => id !== b[k]);
    if (at >= 0 || a.length !== b.length) {
      const k = at >= 0 ? at : Math.min(a.length, b.length);
      return `text ${i} ${JSON.stringify(texts[i].slice(0, 60))}: ids differ at ${k}: ours ${JSON.stringify(a.slice(k, k + 5))}, theirs ${JSON.stringify(b.slice(k, k + 5))}`;
    }
  }
  return null;
}

describe.each(MODELS)("%s", (model) => {
  let ours: Tokenizer;
  let native: HfNative;
  let specials: string[];
  let vocabSize: number;
  let byteTokens: Set<number>;
  beforeAll(async () => {
    const json = readJson(model);
    const parsed = JSON.parse(json);
    byteTokens = new Set(Object.entries(parsed.model.vocab as Record<string, number>).filter(([t]) => /^<0x..>$/.test(t)).map(([, id]) => id));
    specials = parsed.added_tokens.map((t: { content: string }) => t.content);
    vocabSize = Object.keys(parsed.model.vocab).length;
    ours = await Tokenizer.fromHuggingFace(json, { name: model });
    native = HfNative.fromString(json);
  });
  afterAll(() => {
    // Gemma's tokenizers hold hundreds of MB: let them go before the next file loads.
    ours = undefined as unknown as Tokenizer;
    native = undefined as unknown as HfNative;
  });

  test("corpus sample and edge cases: the same ids as tokenizers, with and without the template", async () => {
    const texts = [...SAMPLE, ...EDGE];
    for (const add of [true, false]) {
      const expected = await nativeIds(native, texts, add);
      expect(firstDifference(texts, (t) => ours.encode(t, { addSpecialTokens: add }), (_, i) => expected[i])).toBeNull();
    }
    expect(ours.count(SAMPLE[0])).toBe(ours.encode(SAMPLE[0]).length);
  });

  test("added tokens inside text", async () => {
    const picked = [specials[0], specials[1], specials[specials.length - 1], specials[Math.floor(specials.length / 2)]];
    const texts = [
      `${picked[0]}Hello${picked[1]} world ${picked[2]}\n${picked[0]}${picked[0]}`,
      `text before ${picked[3]}text after${picked[1]}`,
      ` ${picked[0]} spaced ${picked[1]} `,
      EDGE.join(picked[1]),
    ];
    for (const add of [true, false]) {
      const expected = await nativeIds(native, texts, add);
      expect(firstDifference(texts, (t) => ours.encode(t, { addSpecialTokens: add }), (_, i) => expected[i])).toBeNull();
    }
  });

  test("300 fuzzed texts (random Unicode across planes, long runs): the same ids as tokenizers", async () => {
    const texts = Array.from({ length: 300 }, (_, i) => fuzzText(7000 + i));
    const expected = await nativeIds(native, texts, true);
    expect(firstDifference(texts, (t) => ours.encode(t), (_, i) => expected[i])).toBeNull();
  });

  test("decode equals tokenizers' decode: of encodings, and of random ids (byte tokens out of order)", async () => {
    const texts = [...SAMPLE.filter((_, i) => i % 4 === 0), ...EDGE, `${specials[0]}x${specials[1]} y`];
    for (const text of texts) {
      const ids = Array.from(ours.encode(text));
      expect(ours.decode(ids)).toBe(await native.decode(ids, false));
    }
    const random = prng(model.length * 7919);
    for (let n = 0; n < 200; n++) {
      const ids = Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
        // Half from the byte tokens and the first ids (specials, <0xNN>), half from anywhere.
        random() < 0.5 ? Math.floor(random() * 300) : Math.floor(random() * vocabSize),
      );
      expect(ours.decode(ids), JSON.stringify(ids)).toBe(await native.decode(ids, false));
    }
  });

  test("the stream decoder and decodeWithOffsets give decode's text, whatever the ids' grouping", () => {
    const text = EDGE.join(" ") + SAMPLE[3];
    const ids = Array.from(ours.encode(text));
    const whole = ours.decode(ids);
    const decoder = ours.createDecoder();
    let streamed = "";
    for (let at = 0; at < ids.length; at += 3) streamed += decoder.decode(ids.slice(at, at + 3));
    streamed += decoder.flush();
    expect(streamed).toBe(whole);
    const { text: decoded, offsets } = ours.decodeWithOffsets(ids);
    expect(decoded).toBe(whole);
    // Each token's share starts where the decode of the ids before it ends (where those do not end
    // inside a character's byte tokens, whose decode alone is U+FFFDs).
    let checked = 0;
    for (let k = 1; k < ids.length && checked < 40; k += 3) {
      if (byteTokens.has(ids[k - 1])) continue;
      expect(offsets[k]).toBe(ours.decode(ids.slice(0, k)).length);
      checked++;
    }
    expect(checked).toBe(40);
  });
});

describe.each(["llama2", "yi"])("%s on the pure-JS engine", (model) => {
  test("the same ids as tokenizers on the sample, the edge cases and fuzzed texts", async () => {
    const json = readJson(model);
    const ours = await Tokenizer.fromHuggingFace(json, { engine: "js" });
    expect(ours.engineKind).toBe("js");
    const texts = [...SAMPLE, ...EDGE, ...Array.from({ length: 100 }, (_, i) => fuzzText(9000 + i))];
    const expected = await nativeIds(HfNative.fromString(json), texts, true);
    expect(firstDifference(texts, (t) => ours.encode(t), (_, i) => expected[i])).toBeNull();
  });
});

describe("Metaspace pre-tokenizers, on Llama 2's vocabulary", () => {
  let base: Record<string, unknown>;
  beforeAll(() => {
    base = JSON.parse(readJson("llama2"));
  });
  const variants = [
    { prepend_scheme: "first", split: false },
    { prepend_scheme: "always", split: false },
    { prepend_scheme: "never", split: false },
    { prepend_scheme: "first", split: true },
    { prepend_scheme: "always", split: true },
  ];
  test.each(variants)("prepend_scheme $prepend_scheme, split $split: ids and decode equal tokenizers'", async (variant) => {
    const metaspace = { type: "Metaspace", replacement: "▁", ...variant };
    const json = { ...base, normalizer: null, pre_tokenizer: metaspace, decoder: metaspace };
    const ours = await Tokenizer.fromHuggingFace(json);
    const native = HfNative.fromString(JSON.stringify(json));
    const texts = [...EDGE, ...SAMPLE.slice(0, 40), "<s>Hello</s> world", " <s> x", "a<s>b"];
    for (const add of [true, false]) {
      const expected = await nativeIds(native, texts, add);
      expect(firstDifference(texts, (t) => ours.encode(t, { addSpecialTokens: add }), (_, i) => expected[i])).toBeNull();
    }
    for (const text of texts) {
      const ids = Array.from(ours.encode(text));
      expect(ours.decode(ids)).toBe(await native.decode(ids, false));
    }
  });
});

describe("words are merged apart only where no token joins them", () => {
  test("a token across a ▁ (o▁w, ranked first) is made as tokenizers makes it, with and without ignore_merges", async () => {
    const base = JSON.parse(readJson("llama2"));
    const vocab = { ...base.model.vocab, "o▁": 32000, "o▁w": 32001, "d▁▁": 32002 };
    for (const ignore_merges of [false, true]) {
      const json = { ...base, model: { ...base.model, ignore_merges, vocab, merges: ["o ▁", "o▁ w", "d ▁▁", ...base.model.merges] } };
      const ours = await Tokenizer.fromHuggingFace(json);
      const native = HfNative.fromString(JSON.stringify(json));
      const texts = ["Hello world, hello  world", "to wo do  so", "d  d d   x", ...EDGE, ...SAMPLE.slice(0, 20)];
      const expected = await nativeIds(native, texts, true);
      expect(firstDifference(texts, (t) => ours.encode(t), (_, i) => expected[i])).toBeNull();
      expect(Array.from(ours.encode("Hello world"))).toContain(32001);
    }
  });
});

describe("added tokens with lstrip and rstrip (as Phi-3's chat tokens), on Llama 2's vocabulary", () => {
  test("the whitespace they take along is gone, as in tokenizers; offsets still point into the text", async () => {
    const json = JSON.parse(readJson("llama2"));
    json.added_tokens[1].lstrip = true; // <s>
    json.added_tokens[2].rstrip = true; // </s>
    json.added_tokens.push({ id: 32000, content: "<|end|>", single_word: false, lstrip: true, rstrip: true, normalized: false, special: true });
    const ours = await Tokenizer.fromHuggingFace(json);
    const native = HfNative.fromString(JSON.stringify(json));
    const texts = ["a </s>  b <s> c", "x\t\n<s>y", "</s>\n\n z", " <s>", "a</s> </s> b", "  <|end|>  \u3000<|end|>\u00a0x", "<s></s> <|end|>", ...EDGE.map((t) => `${t} </s> ${t}<|end|>`)];
    for (const add of [true, false]) {
      const expected = await nativeIds(native, texts, add);
      expect(firstDifference(texts, (t) => ours.encode(t, { addSpecialTokens: add }), (_, i) => expected[i])).toBeNull();
    }
    const text = "Hello </s>   world <s> again";
    const { ids, offsets } = ours.encodeWithOffsets(text, { addSpecialTokens: false });
    const at = (id: number): number => offsets[Array.from(ids).indexOf(id)];
    expect(text.slice(at(2), at(2) + 4)).toBe("</s>");
    expect(text.slice(at(1), at(1) + 3)).toBe("<s>");
    expect(ours.chunks(text, { maxTokens: 3, addSpecialTokens: false }).join("")).toBe(text);
  });
});

describe("offsets, truncate and chunks on Llama 2", () => {
  let ours: Tokenizer;
  let byteTokens: Set<number>;
  beforeAll(async () => {
    const json = readJson("llama2");
    ours = await Tokenizer.fromHuggingFace(json);
    byteTokens = new Set(Object.entries(JSON.parse(json).model.vocab as Record<string, number>).filter(([t]) => /^<0x..>$/.test(t)).map(([, id]) => id));
  });

  test("each token's offset is where its text is in the caller's text (spaces for ▁; a prepended ▁ at the segment's start)", () => {
    const text = "Hello  world, naïve café\n日本語 👋🏽 end";
    const { ids, offsets } = ours.encodeWithOffsets(text, { addSpecialTokens: false });
    expect(Array.from(ids)).toEqual(Array.from(ours.encode(text, { addSpecialTokens: false })));
    let checked = 0;
    ids.forEach((id, k) => {
      if (byteTokens.has(id)) return; // part of a character
      const token = new TextDecoder().decode(ours.tokenToBytes(id));
      const spelled = (k === 0 ? token.replace(/^▁/, "") : token).replace(/▁/g, " ");
      expect(text.slice(offsets[k], offsets[k] + spelled.length), `token ${k} ${JSON.stringify(token)}`).toBe(spelled);
      checked++;
    });
    expect(checked).toBeGreaterThan(8);
  });

  test("chunks join back to the text and each holds at most maxTokens; truncate is the first chunk", () => {
    const text = SAMPLE.slice(0, 6).join("\n");
    const pieces = ours.chunks(text, { maxTokens: 50 });
    expect(pieces.join("")).toBe(text);
    for (const piece of pieces) expect(ours.count(piece, { addSpecialTokens: false })).toBeLessThanOrEqual(50);
    expect(ours.truncate(text, 50, { addSpecialTokens: false })).toBe(ours.chunks(text, { maxTokens: 50, addSpecialTokens: false })[0]);
  });
});

describe("refusals", () => {
  test("a byte_fallback file missing a byte token the text could need is UNSUPPORTED_TOKENIZER, naming it", async () => {
    const json = JSON.parse(readJson("llama2"));
    delete json.model.vocab["<0xE3>"];
    const error = await Tokenizer.fromHuggingFace(json).catch((e) => e);
    expect(error).toBeInstanceOf(BytepairError);
    expect(error.code).toBe("UNSUPPORTED_TOKENIZER");
    expect(error.message).toContain("<0xE3>");
  });

  test("a merge of a byte token, a Metaspace after a Split and an unknown decoder are refused by name and path", async () => {
    const base = JSON.parse(readJson("llama2"));
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, model: { ...base.model, vocab: { ...base.model.vocab, "<0x41><0x42>": 40000 }, merges: ["<0x41> <0x42>", ...base.model.merges] } }, "byte token"],
      [{ ...base, pre_tokenizer: { type: "Sequence", pretokenizers: [{ type: "Split", pattern: { String: "x" }, behavior: "Isolated", invert: false }, { type: "Metaspace", replacement: "▁", prepend_scheme: "first", split: false }] } }, "$.pre_tokenizer.pretokenizers[1]"],
      [{ ...base, decoder: { type: "WordPiece", prefix: "##" } }, "$.decoder"],
      [{ ...base, normalizer: { type: "Lowercase" } }, "$.normalizer"],
    ];
    for (const [json, named] of cases) {
      const error = await Tokenizer.fromHuggingFace(json).catch((e) => e);
      expect(error, named).toBeInstanceOf(BytepairError);
      expect(error.message).toContain(named);
    }
  });
});

// createDecoder, truncate, chunks and chunkStream on fuzzed text in many scripts, on both engines and
// every kind of loaded tokenizer. Token boundaries and counts come from tiktoken where the vocabulary
// is one of its encodings; the properties are checked against plain re-derivations, not our own cuts.

import { describe, expect, test } from "vitest";
import { getEncoding, Tokenizer, BytepairError, train } from "bytepair";
import { reference } from "../helpers/reference.js";
import { ENGINES } from "../helpers/engines.js";
import { prng, randomInt } from "../helpers/random.js";
import { fuzzText, randomChunks } from "../fuzz/text.mjs";
import { twinEncodeOffsets, startsCharacter } from "./offsets-twin.js";

const SAMPLES = [
  "Hello, world! naïve 日本語 👋 e\u0301 a\u0308 한국어 नमस्ते العربية 👨‍👩‍👧 🇫🇷",
  "lone \ud800 surrogates \udc00x\ud83d and   spaces\r\n\n",
  "中文文本没有空格所以分词很长很长很长很长很长很长很长很长很长",
];
const texts = [...SAMPLES, ...Array.from({ length: 24 }, (_, i) => fuzzText(4100 + i).slice(0, 400))];

/** Cuts of `text` that are token starts (of tiktoken's encoding) on character boundaries, and its end. */
function candidateCuts(name: string, text: string): number[] {
  const ref = reference(name);
  const lengths = Array.from(ref.encode(text, [], []), (id) => ref.decode_single_token_bytes(id).length);
  const offsets = twinEncodeOffsets(text, lengths);
  const cuts: number[] = [];
  let byte = 0;
  lengths.forEach((length, k) => {
    if (k > 0 && startsCharacter(text, byte) && offsets[k] > (cuts.at(-1) ?? 0)) cuts.push(offsets[k]);
    byte += length;
  });
  cuts.push(text.length);
  return cuts;
}

const tiktokenCount = (name: string, text: string) => reference(name).encode(text, [], []).length;

describe.each(ENGINES)("%s engine", (engine) => {
  test("createDecoder: ids one at a time and in random batches give decode's text, whole characters only", async () => {
    const enc = await getEncoding("o200k_base", { engine });
    const random = prng(11);
    const idSets = [...texts.map((t) => Array.from(enc.encode(t, { disallowedSpecial: [] }))), ...Array.from({ length: 30 }, () => Array.from({ length: 40 }, () => randomInt(random, 199990)))];
    for (const ids of idSets) {
      for (const batching of ["one", "random"]) {
        const decoder = enc.createDecoder();
        const outputs: string[] = [];
        for (let i = 0; i < ids.length; ) {
          const n = batching === "one" ? 1 : randomInt(random, 5);
          outputs.push(decoder.decode(ids.slice(i, i + n)));
          i += n;
        }
        outputs.push(decoder.flush());
        expect(outputs.join("")).toBe(enc.decode(ids));
        for (const out of outputs) expect(/\p{Cs}/u.test(out)).toBe(false); // no half of a surrogate pair
      }
    }
    const decoder = enc.createDecoder();
    const emoji = Array.from(enc.encode("👋")); // more than one token, split inside the character
    expect(decoder.decode(emoji.slice(0, 1))).toBe("");
    expect(() => decoder.decode([1e9])).toThrow(BytepairError);
    expect(decoder.decode(emoji.slice(1)) + decoder.flush()).toBe("👋");
  });

  test.each(["o200k_base", "cl100k_base"] as const)("%s: truncate is the longest fitting cut; chunks are truncate's cuts", async (name) => {
    const enc = await getEncoding(name, { engine });
    const random = prng(name.length);
    for (const text of texts) {
      const cuts = candidateCuts(name, text);
      for (let round = 0; round < 3; round++) {
        const max = 1 + randomInt(random, 30);
        const prefix = enc.truncate(text, max, { disallowedSpecial: [] });
        expect(text.startsWith(prefix)).toBe(true);
        expect(tiktokenCount(name, prefix)).toBeLessThanOrEqual(max);
        if (prefix.length < text.length) {
          expect(prefix.length === 0 || cuts.includes(prefix.length)).toBe(true);
          const next = cuts.find((c) => c > prefix.length)!;
          expect(tiktokenCount(name, text.slice(0, next))).toBeGreaterThan(max);
        }
        const overlap = randomInt(random, Math.min(max, 4));
        let pieces: string[];
        try {
          pieces = enc.chunks(text, { maxTokens: max, overlap, disallowedSpecial: [] });
        } catch (e) {
          // Only when some place has no cut within max tokens (max is tiny here).
          expect(e).toMatchObject({ code: "INVALID_ARGUMENT", message: expect.stringMatching(/too small/) });
          continue;
        }
        let start = 0;
        pieces.forEach((piece, i) => {
          expect(text.slice(start, start + piece.length)).toBe(piece);
          expect(piece).toBe(enc.truncate(text.slice(start), max, { disallowedSpecial: [] }));
          expect(tiktokenCount(name, piece)).toBeLessThanOrEqual(max);
          if (i === pieces.length - 1) return expect(start + piece.length).toBe(text.length);
          start += overlapStart(name, piece, overlap);
        });
        if (overlap === 0) expect(pieces.join("")).toBe(text);
      }
    }
  });

  test("chunkStream gives chunks' pieces for any chunking of the stream", async () => {
    const enc = await getEncoding("o200k_base", { engine });
    const long = texts.join("\n").repeat(3);
    for (const [max, overlap] of [[40, 0], [50, 10], [64, 63]]) {
      const whole = enc.chunks(long, { maxTokens: max, overlap, disallowedSpecial: [] });
      for (let seed = 0; seed < 3; seed++) {
        const streamed: string[] = [];
        for await (const piece of enc.chunkStream(randomChunks(long, seed, 50), { maxTokens: max, overlap, disallowedSpecial: [] })) streamed.push(piece);
        expect(streamed).toEqual(whole);
      }
    }
  });

  test("arguments are checked", async () => {
    const enc = await getEncoding("o200k_base", { engine });
    for (const bad of [0, -1, 1.5, NaN, "3", undefined]) {
      expect(() => enc.truncate("abc", bad as number)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
      expect(() => enc.chunks("abc", { maxTokens: bad as number })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    }
    for (const overlap of [-1, 4, 5, 0.5, "1"]) {
      expect(() => enc.chunks("abc", { maxTokens: 4, overlap: overlap as number })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT", message: expect.stringMatching(/overlap/) }));
    }
    expect(() => enc.chunks("abc", null as never)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => enc.chunkStream(["abc"], { maxTokens: 0 })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => enc.truncate("a<|endoftext|>", 5)).toThrow(expect.objectContaining({ code: "DISALLOWED_SPECIAL_TOKEN" }));
    expect(enc.truncate("a<|endoftext|>b", 2, { allowedSpecial: "all" })).toBe("a<|endoftext|>");
    expect(enc.truncate("", 1)).toBe("");
    expect(enc.chunks("", { maxTokens: 1 })).toEqual([]);
  });
});

/** Where the next piece starts in `piece`: its own encoding's token `overlap` from the end, moved to a character boundary. */
function overlapStart(name: string, piece: string, overlap: number): number {
  if (overlap === 0) return piece.length;
  const ref = reference(name);
  const lengths = Array.from(ref.encode(piece, [], []), (id) => ref.decode_single_token_bytes(id).length);
  const offsets = twinEncodeOffsets(piece, lengths);
  let byte = lengths.slice(0, Math.max(1, lengths.length - overlap)).reduce((a, b) => a + b, 0);
  for (let k = Math.max(1, lengths.length - overlap); k < lengths.length; k++) {
    if (startsCharacter(piece, byte)) return offsets[k];
    byte += lengths[k];
  }
  return piece.length;
}

test("every kind of loaded tokenizer: offsets, decoder, truncate and chunks agree with the named encoding's", async () => {
  const gpt2 = await getEncoding("gpt2");
  const files = gpt2.toGpt2();
  const text = SAMPLES.join(" ") + " <|endoftext|> tail";
  const { tokenizer: trained } = await train(text.repeat(20), { vocabSize: 300, specialTokens: ["<|endoftext|>"] });
  const loaded: Tokenizer[] = [
    await Tokenizer.fromTiktoken(gpt2.toTiktoken(), { pattern: "gpt2", specialTokens: ["<|endoftext|>"] }),
    await Tokenizer.fromGpt2(files.vocabJson, files.mergesTxt, { engine: "js" }),
    await Tokenizer.fromHuggingFace(gpt2.toHuggingFace()),
  ];
  const options = { allowedSpecial: "all" as const };
  for (const tok of loaded) {
    expect(Array.from(tok.encodeWithOffsets(text, options).offsets)).toEqual(Array.from(gpt2.encodeWithOffsets(text, options).offsets));
    expect(tok.truncate(text, 17, options)).toBe(gpt2.truncate(text, 17, options));
    expect(tok.chunks(text, { maxTokens: 9, overlap: 2, ...options })).toEqual(gpt2.chunks(text, { maxTokens: 9, overlap: 2, ...options }));
  }
  // A trained vocabulary from fromBpe (train's tokenizer): the pieces fit, join back and decode back.
  const ids = trained.encode(text, options);
  const { offsets } = trained.encodeWithOffsets(text, options);
  expect(offsets.length).toBe(ids.length);
  const pieces = trained.chunks(text, { maxTokens: 10, ...options });
  expect(pieces.join("")).toBe(text);
  for (const piece of pieces) expect(trained.count(piece, options)).toBeLessThanOrEqual(10);
  const decoder = trained.createDecoder();
  expect(Array.from(ids, (id) => decoder.decode([id])).join("") + decoder.flush()).toBe(trained.decode(ids));
});

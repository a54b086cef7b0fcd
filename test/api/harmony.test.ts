// o200k_harmony (gpt-oss) is o200k_base's ranks with the Harmony special tokens. tiktoken's JS package
// has no such encoding, but it takes extra special tokens: o200k_base extended by the tokens tiktoken's
// Python package defines (test/helpers/tiktoken-python.ts) is the reference; gpt-tokenizer's own
// o200k_harmony is checked against the same list.

import { describe, expect, test } from "vitest";
import { get_encoding, type Tiktoken } from "tiktoken";
import { getEncoding, BytepairError } from "bytepair";
import { encode as gptTokenizerEncode } from "gpt-tokenizer/encoding/o200k_harmony";
import gptTokenizerHarmony from "gpt-tokenizer/encoding/o200k_harmony";
import { pythonHarmonySpecialTokens } from "../helpers/tiktoken-python.js";
import { corpusDocuments } from "../helpers/corpus.js";
import { ENGINES } from "../helpers/engines.js";
import { prng, randomInt } from "../helpers/random.js";
import { firstDifference } from "../helpers/reference.js";

const python = pythonHarmonySpecialTokens();
const names = Object.keys(python);
let ref: Tiktoken | undefined;
const reference = () => (ref ??= get_encoding("o200k_base", python));

/** Corpus text with Harmony tokens between its words, at seeded random places. */
function harmonyTexts(count: number, seed: number): string[] {
  const random = prng(seed);
  const docs = corpusDocuments("nlp").slice(0, count);
  return docs.map((doc) => {
    const words = doc.slice(0, 2000).split(" ");
    for (let i = 0; i < 12; i++) words.splice(randomInt(random, words.length + 1), 0, names[randomInt(random, i < 6 ? 16 : names.length)]);
    return words.join(randomInt(random, 2) ? " " : "");
  });
}

test("the special tokens are tiktoken's Python definition: 1,091 names over ids 199998-201087", async () => {
  const ours = await getEncoding("o200k_harmony");
  expect(Object.fromEntries(ours.specialTokens)).toEqual(python);
  expect(ours.specialTokens.size).toBe(1091);
  expect(ours.vocabSize).toBe(201088);
  // gpt-tokenizer's o200k_harmony agrees.
  const theirs = (gptTokenizerHarmony as unknown as { specialTokensEncoder?: Map<string, number> }).specialTokensEncoder;
  expect(theirs).toBeInstanceOf(Map);
  expect(Object.fromEntries(theirs!)).toEqual(python);
});

describe.each(ENGINES)("%s engine", (engine) => {
  test("ids equal tiktoken's o200k_base extended by the Harmony tokens, specials allowed, refused and ordinary", async () => {
    const ours = await getEncoding("o200k_harmony", { engine });
    for (const text of harmonyTexts(40, 17)) {
      const all = ours.encode(text, { allowedSpecial: "all" });
      expect(firstDifference(all, reference().encode(text, "all"))).toBe(-1);
      expect(firstDifference(ours.encodeOrdinary(text), reference().encode_ordinary(text))).toBe(-1);
      expect(firstDifference(ours.encode(text, { disallowedSpecial: [] }), reference().encode(text, [], []))).toBe(-1);
      expect(ours.decode(all)).toBe(text.replaceAll("<|reserved_200018|>", "<|endofprompt|>"));
      const e = (() => {
        try {
          ours.encode(text);
        } catch (error) {
          return error;
        }
      })();
      expect(e).toBeInstanceOf(BytepairError);
      expect(e).toMatchObject({ code: "DISALLOWED_SPECIAL_TOKEN" });
    }
  });

  test("each special token alone is its id, as tiktoken and gpt-tokenizer give it", async () => {
    const ours = await getEncoding("o200k_harmony", { engine });
    for (const name of names) {
      const expected = Array.from(reference().encode(name, "all"));
      expect([name, Array.from(ours.encode(name, { allowedSpecial: "all" }))]).toEqual([name, expected]);
      expect(gptTokenizerEncode(name, { allowedSpecial: "all" })).toEqual(expected);
    }
    // 200018 has two names; decode gives the first, as listed in the Python dict.
    expect(ours.decode([200018])).toBe("<|endofprompt|>");
  });
});

test("ordinary text encodes as o200k_base", async () => {
  const harmony = await getEncoding("o200k_harmony");
  const base = await getEncoding("o200k_base");
  for (const doc of corpusDocuments("brown").slice(0, 50)) expect(firstDifference(harmony.encode(doc), base.encode(doc))).toBe(-1);
});

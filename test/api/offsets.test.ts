// encodeWithOffsets and decodeWithOffsets: ids equal tiktoken's, offsets equal plain twins built from
// tiktoken's token bytes (tiktoken's JS package has no decode_with_offsets), on fuzzed text in many
// scripts, on both engines; special-token options and a tokenizer.json's template and NFC.

import { describe, expect, test } from "vitest";
import { getEncoding, Tokenizer, BytepairError } from "bytepair";
import { reference } from "../helpers/reference.js";
import { ENGINES } from "../helpers/engines.js";
import { prng, randomInt } from "../helpers/random.js";
import { fuzzText } from "../fuzz/text.mjs";
import { twinEncodeOffsets, twinDecodeOffsets, freshStartOffsets } from "./offsets-twin.js";

const SAMPLES = [
  "",
  "Hello, world! naïve 日本語 👋",
  "e\u0301 a\u0308\u0301 ﷺ 👨‍👩‍👧 🇫🇷 한국어 नमस्ते العربية",
  "lone \ud800 surrogates \udc00x\ud83d",
  "  \n\n\t  spaces\r\n",
];

const texts = [...SAMPLES, ...Array.from({ length: 40 }, (_, i) => fuzzText(1900 + i))];

describe.each(ENGINES)("%s engine", (engine) => {
  test.each(["cl100k_base", "o200k_base", "gpt2"] as const)("%s: ids are tiktoken's, offsets the twin's", async (name) => {
    const enc = await getEncoding(name, { engine });
    const ref = reference(name);
    for (const text of texts) {
      // Lone surrogates are U+FFFD's bytes in the ids, so the decoded text is well-formed UTF-8.
      const { ids, offsets } = enc.encodeWithOffsets(text, { disallowedSpecial: [] });
      expect(Array.from(ids)).toEqual(Array.from(ref.encode(text, [], [])));
      const tokens = Array.from(ids, (id) => ref.decode_single_token_bytes(id));
      expect(Array.from(offsets)).toEqual(twinEncodeOffsets(text, tokens.map((t) => t.length)));
      const decoded = enc.decodeWithOffsets(ids);
      expect(decoded.text).toBe(enc.decode(ids));
      expect(Array.from(decoded.offsets)).toEqual(twinDecodeOffsets(tokens));
    }
  });

  test("decodeWithOffsets on random ids (invalid UTF-8 between tokens) follows the decoder's U+FFFDs", async () => {
    const enc = await getEncoding("cl100k_base", { engine });
    const ref = reference("cl100k_base");
    const random = prng(77);
    for (let round = 0; round < 200; round++) {
      const ids = Array.from({ length: 1 + randomInt(random, 12) }, () => randomInt(random, 100256));
      const tokens = ids.map((id) => ref.decode_single_token_bytes(id));
      const { text, offsets } = enc.decodeWithOffsets(ids);
      expect(text).toBe(new TextDecoder("utf-8", { ignoreBOM: true }).decode(Buffer.concat(tokens)));
      for (const [k, at] of freshStartOffsets(tokens)) expect(offsets[k]).toBe(at);
      // A token inside a character the decoder made (or a U+FFFD) points at it: never past the text.
      for (let k = 1; k < offsets.length; k++) expect(offsets[k]).toBeGreaterThanOrEqual(offsets[k - 1]);
      expect(offsets.every((o) => o < text.length)).toBe(true);
    }
    expect(() => enc.decodeWithOffsets([1, -1])).toThrow(BytepairError);
  });

  test("special tokens: the same options and errors as encode", async () => {
    const enc = await getEncoding("o200k_base", { engine });
    const ref = reference("o200k_base");
    const text = "a<|endoftext|>b 日本<|endofprompt|>";
    expect(() => enc.encodeWithOffsets(text)).toThrow(expect.objectContaining({ code: "DISALLOWED_SPECIAL_TOKEN", offset: 1 }));
    const { ids, offsets } = enc.encodeWithOffsets(text, { allowedSpecial: "all" });
    expect(Array.from(ids)).toEqual(Array.from(ref.encode(text, "all")));
    const tokens = Array.from(ids, (id) => ref.decode_single_token_bytes(id));
    expect(Array.from(offsets)).toEqual(twinEncodeOffsets(text, tokens.map((t) => t.length)));
    expect(offsets[ids.indexOf(199999)]).toBe(1);
  });
});

/** A tokenizer.json (from o200k's vocabulary) with an NFC normalizer and a BOS/EOS template. */
async function templated(engine: "wasm" | "js") {
  const json = (await getEncoding("o200k_base")).toHuggingFace() as unknown as Record<string, unknown>;
  json.normalizer = { type: "NFC" };
  json.post_processor = {
    type: "TemplateProcessing",
    single: [{ SpecialToken: { id: "<|endoftext|>", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "<|endofprompt|>", type_id: 0 } }],
    special_tokens: { "<|endoftext|>": { id: "<|endoftext|>", ids: [199999] }, "<|endofprompt|>": { id: "<|endofprompt|>", ids: [200018] } },
  };
  return Tokenizer.fromHuggingFace(json, { engine });
}

describe.each(ENGINES)("tokenizer.json on the %s engine", (engine) => {
  test("template tokens point where they are put; text NFC leaves alone has the twin's offsets", async () => {
    const hf = await templated(engine);
    const ref = reference("o200k_base");
    for (const text of ["Hello, world! 日本語 👋", "x\ud800y", ""]) {
      const { ids, offsets } = hf.encodeWithOffsets(text);
      expect(Array.from(ids)).toEqual([199999, ...ref.encode(text, [], []), 200018]);
      const body = Array.from(ids.slice(1, -1), (id) => ref.decode_single_token_bytes(id).length);
      expect(Array.from(offsets)).toEqual([0, ...twinEncodeOffsets(text, body), text.length]);
      expect(Array.from(hf.encodeWithOffsets(text, { addSpecialTokens: false }).ids)).toEqual(Array.from(ref.encode(text, [], [])));
    }
  });

  test("NFC: tokens of a part NFC changed point at that part's start; the others at their own character", async () => {
    const hf = await templated(engine);
    const text = "cafe\u0301 au lait, A\u030a! and plain"; // é and Å composed by NFC
    const { ids, offsets } = hf.encodeWithOffsets(text, { addSpecialTokens: false });
    const normal = text.normalize("NFC");
    expect(hf.decode(ids)).toBe(normal);
    const lengths = Array.from(ids, (id) => hf.tokenToBytes(id).length);
    const inNormal = twinEncodeOffsets(normal, lengths);
    // Map the normalized text's offsets back by hand: "cafe\u0301" -> "café" (part starting at 3), "A\u030a" -> "Å".
    const back = (i: number) => (i < 3 ? i : i === 3 ? 3 : i < normal.indexOf("Å") ? i + 1 : i === normal.indexOf("Å") ? text.indexOf("A\u030a") : i + 2);
    expect(Array.from(offsets)).toEqual(inNormal.map(back));
  });
});

test("the NFC parts (cut before characters below U+0300) normalize to the NFC of the whole text", async () => {
  const { nfcSeen } = await import("../../src/text/nfc-map.js");
  const marks = ["\u0301", "\u0308", "\u0327", "\u1161", "\u11a8", "\u0cd5", "\u0dcf", "\u3099"];
  const random = prng(5);
  for (let round = 0; round < 300; round++) {
    let text = fuzzText(3000 + round).slice(0, 200);
    for (let k = 0; k < 20; k++) {
      const at = randomInt(random, text.length + 1);
      text = text.slice(0, at) + marks[randomInt(random, marks.length)] + text.slice(at);
    }
    text = text + "\u1100\u1161\u11a8" + "e\u0301";
    expect(nfcSeen(text, undefined).text).toBe(text.normalize("NFC"));
  }
});

// encodeUtf8 (bytes straight into the engine) against encode of the same bytes decoded as TextDecoder
// decodes them, on both engines: corpus text, fuzzed text, and bytes that are not UTF-8 (overlong
// forms, surrogates, cut sequences, stray continuation bytes), which must come out as U+FFFD does.

import { describe, expect, test } from "vitest";
import { getEncoding, Tokenizer, BytepairError } from "bytepair";
import { ENGINES } from "../helpers/engines.js";
import { PATTERN_FAMILIES, firstDifference, reference } from "../helpers/reference.js";
import { prng, randomInt } from "../helpers/random.js";
import { fuzzText } from "../fuzz/text.mjs";
import { corpusText } from "../helpers/corpus.js";

const utf8 = new TextEncoder();
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });
const BAD = [[0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xbf, 0xbf], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xff], [0xc2]];

/** Valid UTF-8 with invalid sequences spliced in at random places. */
function corrupted(seed: number): Uint8Array {
  const random = prng(seed);
  const bytes = Array.from(utf8.encode(fuzzText(seed)));
  for (let k = 0; k < 1 + randomInt(random, 4); k++) bytes.splice(randomInt(random, bytes.length + 1), 0, ...BAD[randomInt(random, BAD.length)]);
  return Uint8Array.from(bytes);
}

describe.each(ENGINES)("%s engine", (engine) => {
  test.each(PATTERN_FAMILIES)("%s: the ids of the decoded bytes, valid or not", async (name) => {
    const enc = await getEncoding(name, { engine });
    const inputs: Uint8Array[] = [
      utf8.encode(corpusText("udhr").slice(0, 40_000)),
      utf8.encode(corpusText("ts-code").slice(0, 20_000)),
      Uint8Array.of(0xef, 0xbb, 0xbf, 0x68, 0x69), // a BOM is kept, as text
      new Uint8Array(0),
      ...Array.from({ length: 60 }, (_, i) => utf8.encode(fuzzText(i + 1))),
      ...Array.from({ length: 60 }, (_, i) => corrupted(i + 100)),
    ];
    for (const [i, bytes] of inputs.entries()) {
      const want = enc.encodeOrdinary(lenient.decode(bytes));
      const got = enc.encodeUtf8(bytes, { disallowedSpecial: [] });
      const at = firstDifference(got, want);
      if (at >= 0) expect.fail(`input ${i}: ids differ at ${at}`);
    }
    // And against tiktoken itself on valid text.
    const text = corpusText("brown").slice(0, 30_000);
    expect(Array.from(enc.encodeUtf8(utf8.encode(text)))).toEqual(Array.from(reference(name).encode_ordinary(text)));
  });

  test("special tokens: allowed ones are their ids; a disallowed one names its byte offset", async () => {
    const enc = await getEncoding("o200k_base", { engine });
    const text = "héllo <|endoftext|> wörld";
    expect(Array.from(enc.encodeUtf8(utf8.encode(text), { allowedSpecial: "all" }))).toEqual(Array.from(enc.encode(text, { allowedSpecial: "all" })));
    const error = (() => {
      try {
        enc.encodeUtf8(utf8.encode(text));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(BytepairError);
    expect((error as BytepairError).offset).toBe(utf8.encode("héllo ").length);
    expect((error as BytepairError).message).toMatch(/at byte offset 7/);
    // The same with invalid bytes before it (the decoded path): the offset still counts bytes.
    const bad = Uint8Array.from([0xff, ...utf8.encode(text)]);
    expect(() => enc.encodeUtf8(bad)).toThrow(/at byte offset 8/);
  });

  test("a tokenizer.json tokenizer gives encode's ids (through its text pipeline)", async () => {
    const json = (await getEncoding("cl100k_base")).toHuggingFace();
    const hf = await Tokenizer.fromHuggingFace(json, { engine });
    for (let seed = 1; seed <= 20; seed++) {
      const bytes = corrupted(seed);
      expect(Array.from(hf.encodeUtf8(bytes))).toEqual(Array.from(hf.encode(lenient.decode(bytes))));
    }
  });

  test("bad arguments", async () => {
    const enc = await getEncoding("cl100k_base", { engine });
    expect(() => enc.encodeUtf8("text" as unknown as Uint8Array)).toThrow(BytepairError);
  });
});

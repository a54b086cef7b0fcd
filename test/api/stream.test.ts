// Streams: encodeStream and countStream give what encoding the whole text gives, for any chunking of
// strings or bytes; isWithinTokenLimit agrees with count.

import { describe, expect, test } from "vitest";
import { createReadStream, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getEncoding, Tokenizer, BytepairError } from "bytepair";
import { corpusText } from "../helpers/corpus.js";
import { randomSlices } from "../helpers/random.js";
import { firstDifference } from "../helpers/reference.js";
import { ENGINES } from "../helpers/engines.js";

const text =
  corpusText("udhr").slice(300_000, 360_000) +
  "<|endoftext|>" +
  "line one\r\nline two\r\n\r\n  indented\tand tabs  \n" +
  corpusText("ts-code").slice(0, 40_000).replace(/\n/g, "\r\n") +
  "👋🏽 👨‍👩‍👧‍👦 naïve café 日本語のテキスト" +
  "<|endoftext|><|endoftext|>" +
  corpusText("spam").slice(0, 40_000);

/** The text in chunks of random sizes (1 to `max` units), cut anywhere, surrogate pairs included. */
const stringChunks = (seed: number, max: number): string[] => randomSlices(text, seed, max);

/** The text's UTF-8 in chunks of random sizes, cut inside characters. */
const byteChunks = (seed: number, max: number): Uint8Array[] => randomSlices(new TextEncoder().encode(text), seed, max);

async function collect(stream: AsyncIterable<Uint32Array>): Promise<number[]> {
  const ids: number[] = [];
  for await (const chunk of stream) for (const id of chunk) ids.push(id);
  return ids;
}

describe.each(ENGINES)("%s engine", (engine) => {
  describe.each(["r50k_base", "cl100k_base", "o200k_base"] as const)("%s", (name) => {
    test("encodeStream over random chunkings of strings and bytes equals encode", async () => {
      const enc = await getEncoding(name, { engine });
      const options = { allowedSpecial: "all" as const };
      const whole = enc.encode(text, options);
      for (let seed = 1; seed <= 12; seed++) {
        const max = [1, 7, 100, 5000][seed % 4];
        for (const chunks of [stringChunks(seed, max), byteChunks(seed, max)]) {
          const ids = await collect(enc.encodeStream(chunks, options));
          const at = firstDifference(ids, whole);
          if (at >= 0) expect.fail(`seed ${seed}, chunks up to ${max}: ids differ at ${at}`);
        }
      }
      expect(await enc.countStream(byteChunks(99, 300), options)).toBe(whole.length);
    });

    test("a disallowed special token split across chunks is reported at its offset in the whole text", async () => {
      const enc = await getEncoding(name, { engine });
      const at = text.indexOf("<|endoftext|>");
      const error = await collect(enc.encodeStream(stringChunks(5, 3))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BytepairError);
      expect(error).toMatchObject({ code: "DISALLOWED_SPECIAL_TOKEN", offset: at });
      // As ordinary text, streamed or not, the same ids.
      const ordinary = { disallowedSpecial: [] as string[] };
      expect(await collect(enc.encodeStream(stringChunks(6, 50), ordinary))).toEqual(Array.from(enc.encode(text, ordinary)));
    });
  });

  test("overlapping special tokens split across chunks: the longest still wins", async () => {
    // Just the 256 bytes, and two special tokens of which one starts the other.
    const withSpecials = await Tokenizer.fromBpe({
      vocab: new Map([...Array.from({ length: 256 }, (_, b) => [b, Uint8Array.of(b)] as [number, Uint8Array])]),
      merges: [],
      specialTokens: ["<|a|>", "<|a|><|b|>"],
      engine,
    });
    expect(withSpecials.engineKind).toBe(engine);
    const sample = "x <|a|><|b|> y <|a|> z<|a|><|b|>";
    const whole = Array.from(withSpecials.encode(sample, { allowedSpecial: "all" }));
    for (let cut = 1; cut < sample.length; cut++) {
      const ids = await collect(withSpecials.encodeStream([sample.slice(0, cut), sample.slice(cut)], { allowedSpecial: "all" }));
      expect(ids, `cut at ${cut}`).toEqual(whole);
    }
  });

  test("web ReadableStreams and Node readable streams", async () => {
    const enc = await getEncoding("o200k_base", { engine });
    const whole = Array.from(enc.encode(text, { allowedSpecial: "all" }));
    const chunks = byteChunks(3, 4096);
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(c);
        controller.close();
      },
    });
    expect(await collect(enc.encodeStream(web, { allowedSpecial: "all" }))).toEqual(whole);
    const file = join(mkdtempSync(join(tmpdir(), "bytepair-stream-")), "text.txt");
    writeFileSync(file, text);
    expect(await collect(enc.encodeStream(createReadStream(file, { highWaterMark: 1000 }), { allowedSpecial: "all" }))).toEqual(whole);
    expect(await enc.countStream(createReadStream(file, { encoding: "utf8", highWaterMark: 777 }), { allowedSpecial: "all" })).toBe(whole.length);
  });

  test("isWithinTokenLimit: the count when within the limit, false when over", async () => {
    const enc = await getEncoding("cl100k_base", { engine });
    const count = enc.count(text, { allowedSpecial: "all" });
    expect(enc.isWithinTokenLimit(text, count, { allowedSpecial: "all" })).toBe(count);
    expect(enc.isWithinTokenLimit(text, count - 1, { allowedSpecial: "all" })).toBe(false);
    expect(enc.isWithinTokenLimit(text, 10, { allowedSpecial: "all" })).toBe(false);
    expect(enc.isWithinTokenLimit("", 0)).toBe(0);
    expect(enc.isWithinTokenLimit("hello world", 2)).toBe(2);
    const huge = corpusText("brown").repeat(4);
    expect(enc.isWithinTokenLimit(huge, 1000)).toBe(false);
    expect(() => enc.isWithinTokenLimit(text, 10)).toThrow(/disallowed special token/);
    expect(() => enc.isWithinTokenLimit("x", -1)).toThrow(BytepairError);
  });

  test("bad sources are argument errors", async () => {
    const enc = await getEncoding("o200k_base", { engine });
    for (const source of [42, null, "a string", [1, 2], [{}]]) {
      const error = await collect(enc.encodeStream(source as never)).catch((e: unknown) => e);
      expect(error, JSON.stringify(source)).toMatchObject({ code: "INVALID_ARGUMENT" });
    }
  });
});

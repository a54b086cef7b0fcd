// Wrong arguments of every kind (BigInt and circular values inside options, values that are not
// iterable, absurd lengths) are BytepairErrors with the code that names the mistake, and both
// engines give the same error.

import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { getEncoding, encodingForModel, Tokenizer, train, BytepairError, type EncodeOptions } from "bytepair";
import { ENGINES, type EngineKind } from "../helpers/engines.js";

const require = createRequire(import.meta.url);
const r50k = readFileSync(require.resolve("gpt-tokenizer/data/r50k_base.tiktoken"));
const circular: Record<string, unknown> = {};
circular.self = circular;
const byte = (b: number) => Uint8Array.of(b);
const bytesVocab = Array.from({ length: 256 }, (_, b) => [b, byte(b)] as const);

type Case = [string, (engine: EngineKind) => unknown, string];
const loose = <T>(value: unknown) => value as T;
const enc = (engine: EngineKind) => getEncoding("r50k_base", { engine });

const CASES: Case[] = [
  ["getEncoding(1n)", () => getEncoding(loose(1n)), "INVALID_ARGUMENT"],
  ["getEncoding(circular)", () => getEncoding(loose(circular)), "INVALID_ARGUMENT"],
  ["getEncoding(unknown name)", () => getEncoding(loose("o300k_base")), "UNKNOWN_ENCODING"],
  ["getEncoding engine 1n", () => getEncoding("r50k_base", loose({ engine: 1n })), "INVALID_ARGUMENT"],
  ["encodingForModel(1n)", () => encodingForModel(loose(1n)), "INVALID_ARGUMENT"],
  ["encodingForModel(circular)", () => encodingForModel(loose(circular)), "INVALID_ARGUMENT"],
  ["encode(1n)", async (e) => (await enc(e)).encode(loose(1n)), "INVALID_ARGUMENT"],
  ["allowedSpecial 1n", async (e) => (await enc(e)).encode("x", loose<EncodeOptions>({ allowedSpecial: 1n })), "INVALID_ARGUMENT"],
  ["allowedSpecial [circular]", async (e) => (await enc(e)).encode("x", loose<EncodeOptions>({ allowedSpecial: [circular] })), "INVALID_ARGUMENT"],
  ["allowedSpecial [1n]", async (e) => (await enc(e)).encode("x", loose<EncodeOptions>({ allowedSpecial: [1n] })), "INVALID_ARGUMENT"],
  ["disallowedSpecial circular", async (e) => (await enc(e)).count("x", loose<EncodeOptions>({ disallowedSpecial: circular })), "INVALID_ARGUMENT"],
  ["addSpecialTokens 1n", async (e) => (await enc(e)).encode("x", loose<EncodeOptions>({ addSpecialTokens: 1n })), "INVALID_ARGUMENT"],
  ["decode([1n])", async (e) => (await enc(e)).decode(loose([1n])), "INVALID_TOKEN_ID"],
  ["decode([circular])", async (e) => (await enc(e)).decode(loose([circular])), "INVALID_TOKEN_ID"],
  ["decode({ length: 1n })", async (e) => (await enc(e)).decode(loose({ length: 1n })), "INVALID_ARGUMENT"],
  ["decode({ length: 2 ** 53 })", async (e) => (await enc(e)).decode(loose({ length: 2 ** 53 })), "INVALID_ARGUMENT"],
  ["decodeBytes({ length: -5 })", async (e) => (await enc(e)).decodeBytes(loose({ length: -5 })), "INVALID_ARGUMENT"],
  ["isWithinTokenLimit limit 1n", async (e) => (await enc(e)).isWithinTokenLimit("x", loose(1n)), "INVALID_ARGUMENT"],
  ["tokenToBytes(1n)", async (e) => (await enc(e)).tokenToBytes(loose(1n)), "INVALID_TOKEN_ID"],
  ["encodeStream(1n)", async (e) => (await enc(e)).countStream(loose(1n)), "INVALID_ARGUMENT"],
  ["encodeStream([1n])", async (e) => (await enc(e)).countStream(loose([1n])), "INVALID_ARGUMENT"],
  ["fromBpe vocab 5", (engine) => Tokenizer.fromBpe(loose({ vocab: 5, merges: [], engine })), "INVALID_ARGUMENT"],
  ["fromBpe vocab circular", (engine) => Tokenizer.fromBpe(loose({ vocab: circular, merges: [], engine })), "INVALID_ARGUMENT"],
  ["fromBpe merges 5", (engine) => Tokenizer.fromBpe(loose({ vocab: bytesVocab, merges: 5, engine })), "INVALID_ARGUMENT"],
  ["fromBpe vocab id 1n", (engine) => Tokenizer.fromBpe(loose({ vocab: [[1n, byte(1)]], merges: [], engine })), "INVALID_VOCAB"],
  ["fromBpe specialTokens 1n", (engine) => Tokenizer.fromBpe(loose({ vocab: bytesVocab, merges: [], specialTokens: 1n, engine })), "INVALID_ARGUMENT"],
  ["fromTiktoken(1n)", (engine) => Tokenizer.fromTiktoken(loose(1n), { engine }), "INVALID_ARGUMENT"],
  ["fromTiktoken specialTokens 1n", (engine) => Tokenizer.fromTiktoken(r50k, loose({ engine, specialTokens: 1n })), "INVALID_ARGUMENT"],
  ["fromTiktoken specialTokens circular", (engine) => Tokenizer.fromTiktoken(r50k, loose({ engine, specialTokens: circular })), "INVALID_ARGUMENT"],
  ["fromTiktoken empty", (engine) => Tokenizer.fromTiktoken(new Uint8Array(0), { engine }), "INVALID_VOCAB"],
  ["fromGpt2(circular)", (engine) => Tokenizer.fromGpt2(loose(circular), "", { engine }), "INVALID_VOCAB"],
  ["fromGpt2 merges 1n", (engine) => Tokenizer.fromGpt2({}, loose(1n), { engine }), "INVALID_VOCAB"],
  ["fromHuggingFace(1n)", (engine) => Tokenizer.fromHuggingFace(loose(1n), { engine }), "INVALID_VOCAB"],
  ["train(1n)", () => train(loose(1n), { vocabSize: 300 }), "INVALID_ARGUMENT"],
  ["train vocabSize 1n", () => train("abc", loose({ vocabSize: 1n })), "INVALID_ARGUMENT"],
  ["train onProgress 5", () => train("abc", loose({ vocabSize: 300, onProgress: 5 })), "INVALID_ARGUMENT"],
  ["train specialTokens [1n]", () => train("abc", loose({ vocabSize: 300, specialTokens: [1n] })), "INVALID_ARGUMENT"],
];

async function errorOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe("wrong arguments", () => {
  test.each(CASES)("%s", async (_, call, code) => {
    const errors = [];
    for (const engine of ENGINES) {
      const error = await errorOf(() => call(engine));
      expect(error).toBeInstanceOf(BytepairError);
      expect((error as BytepairError).code).toBe(code);
      errors.push((error as BytepairError).message);
    }
    expect(errors[1]).toBe(errors[0]);
  });
});

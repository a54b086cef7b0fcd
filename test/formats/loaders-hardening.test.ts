// Vocabulary loaders refuse what they cannot hold exactly: ranks past the largest id (which used to
// wrap to another id), files with no tokens, paths that are not regular files (a device would be read
// forever), and special tokens that are not well-formed text.

import { describe, expect, test } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Tokenizer, BytepairError } from "bytepair";
import { ENGINES } from "../helpers/engines.js";

const require = createRequire(import.meta.url);
const r50k = readFileSync(require.resolve("gpt-tokenizer/data/r50k_base.tiktoken"));

async function loadError(load: () => Promise<unknown>): Promise<BytepairError> {
  const error = await load().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BytepairError);
  return error as BytepairError;
}

describe.each(ENGINES)("%s engine", (engine) => {
  test("a rank of 2^32 or more is refused, not wrapped to another id", async () => {
    for (const rank of [2 ** 32, 2 ** 32 + 33, 2 ** 26]) {
      const file = Buffer.concat([r50k, Buffer.from(`IUFCQw== ${rank}\n`)]);
      const error = await loadError(() => Tokenizer.fromTiktoken(file, { pattern: "gpt2", engine }));
      expect(error.code).toBe("INVALID_VOCAB");
      expect(error.message).toMatch(/line 50257: rank "\d+" is not an integer from 0 to 67108863/);
    }
  });

  test("an empty .tiktoken is INVALID_VOCAB", async () => {
    for (const file of [new Uint8Array(0), Buffer.from("\n\n")]) {
      const error = await loadError(() => Tokenizer.fromTiktoken(file, { pattern: "gpt2", engine }));
      expect(error).toMatchObject({ code: "INVALID_VOCAB", message: expect.stringMatching(/holds no tokens/) });
    }
  });

  test("a special token with a lone surrogate is refused", async () => {
    for (const special of ["<|\ud800|>", "\udc00", "a\ud83d"]) {
      const error = await loadError(() => Tokenizer.fromTiktoken(r50k, { pattern: "gpt2", engine, specialTokens: new Map([[special, 50257]]) }));
      expect(error).toMatchObject({ code: "INVALID_VOCAB", message: expect.stringMatching(/lone surrogate/) });
    }
    // A well-formed pair is fine.
    const ok = await Tokenizer.fromTiktoken(r50k, { pattern: "gpt2", engine, specialTokens: new Map([["<|👋|>", 50257]]) });
    expect(Array.from(ok.encode("a<|👋|>", { allowedSpecial: "all" }))).toEqual([64, 50257]);
  });
});

test("paths that are not regular files are refused before they are read", async () => {
  const dir = mkdtempSync(join(tmpdir(), "bytepair-loaders-"));
  for (const source of ["/dev/zero", dir, pathToFileURL("/dev/zero")]) {
    const error = await loadError(() => Tokenizer.fromTiktoken(source, { pattern: "gpt2" }));
    expect(error).toMatchObject({ code: "ASSET_LOAD_FAILED", message: expect.stringMatching(/not a regular file/) });
    const hf = await loadError(() => Tokenizer.fromHuggingFace(source));
    expect(hf.code).toBe("ASSET_LOAD_FAILED");
  }
  const missing = await loadError(() => Tokenizer.fromTiktoken(join(dir, "missing.tiktoken")));
  expect(missing.code).toBe("ASSET_LOAD_FAILED");
  // A regular file still loads.
  writeFileSync(join(dir, "r50k.tiktoken"), r50k);
  expect((await Tokenizer.fromTiktoken(join(dir, "r50k.tiktoken"), { pattern: "gpt2" })).vocabSize).toBe(50256);
});

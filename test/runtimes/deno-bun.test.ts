// Deno and Bun (from npm, in test/runtimes/node_modules/.bin): the parity sample loading the files beside
// build/index.js and loading by http URLs through init(); and each runtime's example as written.

import { describe, expect, test } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { NODE_BIN, expectedParity, findBinary, freshDir, parityOutput, repoRoot, run } from "./harness.js";
import { servedSample } from "./served-sample.js";
import { reference } from "../helpers/reference.js";

const served = servedSample();
const { sample, file } = served;

const deno = findBinary(join(NODE_BIN, "deno"), "npm package deno");
const denoDir = freshDir("deno");
// No config discovery, no lock file, no update check: the run touches nothing but the files given.
const DENO_ENV = { DENO_DIR: join(denoDir, "cache"), DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1", NO_COLOR: "1" };
const DENO_FLAGS = ["run", "--no-config", "--no-lock", "--allow-read", "--allow-net=127.0.0.1"];

const bun = findBinary(join(NODE_BIN, "bun"), "npm package bun");
const BUN_ENV = { BUN_INSTALL_CACHE_DIR: join(freshDir("bun"), "cache"), NO_COLOR: "1" };

const EXAMPLE_TEXT = "Deno und Bun: Grüße 世界 🦕🥟 tokens";

describe("Deno", () => {
  for (const mode of ["file", "url"]) {
    test(`reproduces tiktoken's ids on the sample, loading by ${mode}`, async (ctx) => {
      if (deno.missing) ctx.skip(deno.missing);
      const stdout = await run(deno.path, [...DENO_FLAGS, join(repoRoot, "test/runtimes/run-parity.mjs"), file, mode, served.server.origin], { cwd: denoDir, env: DENO_ENV });
      expect(parityOutput(stdout)).toEqual(expectedParity(sample));
    });
  }

  test("examples/deno.ts prints tiktoken's ids (npm:bytepair mapped to this build)", async (ctx) => {
    if (deno.missing) ctx.skip(deno.missing);
    const importMap = join(denoDir, "import-map.json");
    writeFileSync(importMap, JSON.stringify({ imports: { "npm:bytepair": pathToFileURL(join(repoRoot, "build/index.js")).href } }));
    const stdout = await run(deno.path, [...DENO_FLAGS, `--import-map=${importMap}`, join(repoRoot, "examples/deno.ts"), EXAMPLE_TEXT], { cwd: denoDir, env: DENO_ENV });
    const out = JSON.parse(stdout);
    expect(out.ids).toEqual(Array.from(reference("p50k_base").encode(EXAMPLE_TEXT)));
    expect([out.count, out.decoded]).toEqual([out.ids.length, EXAMPLE_TEXT]);
  });
});

describe("Bun", () => {
  for (const mode of ["file", "url"]) {
    test(`reproduces tiktoken's ids on the sample, loading by ${mode}`, async (ctx) => {
      if (bun.missing) ctx.skip(bun.missing);
      const stdout = await run(bun.path, ["--no-install", "test/runtimes/run-parity.mjs", file, mode, served.server.origin], { env: BUN_ENV });
      expect(parityOutput(stdout)).toEqual(expectedParity(sample));
    });
  }

  test("examples/bun.ts prints tiktoken's ids", async (ctx) => {
    if (bun.missing) ctx.skip(bun.missing);
    const out = JSON.parse(await run(bun.path, ["--no-install", "examples/bun.ts", EXAMPLE_TEXT], { env: BUN_ENV }));
    expect(out.ids).toEqual(Array.from(reference("cl100k_base").encode(EXAMPLE_TEXT)));
    expect([out.count, out.decoded]).toEqual([out.ids.length, EXAMPLE_TEXT]);
  });
});

// bytepair/inline as built (build/inline/): tiktoken's ids on the sample with either engine, loading
// nothing from files; and with { engine: "js" } in a Node without WebAssembly (--jitless), where the
// wasm engine's load is an error that says what to do.

import { expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { expectedParity, parityOutput, run, writeSample } from "./harness.js";

const { sample, file } = writeSample();

for (const engine of ["wasm", "js"]) {
  test(`bytepair/inline reproduces tiktoken's ids on the sample with the ${engine} engine`, async () => {
    const stdout = await run(process.execPath, ["test/runtimes/run-parity-inline.mjs", file, engine]);
    expect(parityOutput(stdout)).toEqual({ ...expectedParity(sample), hasWebAssembly: true });
  });
}

test('bytepair/inline with { engine: "js" } in a Node without WebAssembly (--jitless)', async () => {
  const stdout = await run(process.execPath, ["--jitless", "test/runtimes/run-parity-inline.mjs", file, "js"]);
  expect(parityOutput(stdout)).toEqual({ ...expectedParity(sample), hasWebAssembly: false });
});

test("without WebAssembly the wasm engine's load is an ASSET_LOAD_FAILED error naming the JS engine", async () => {
  const script = `const { getEncoding } = await import("./build/inline/index.js");
    try { await getEncoding("o200k_base"); console.log("loaded"); } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }`;
  const stdout = await run(process.execPath, ["--jitless", "--input-type=module", "-e", script]);
  expect(JSON.parse(stdout.trim())).toEqual({ code: "ASSET_LOAD_FAILED", message: expect.stringMatching(/no WebAssembly.*engine: "js"/) });
});

test("the inline build refers to no asset file and imports each vocabulary module by a literal path", () => {
  for (const entry of ["index.js", "browser.js"]) {
    const text = readFileSync(new URL(`../../build/inline/${entry}`, import.meta.url), "utf8");
    expect(text).not.toMatch(/new URL\("\.\/(bytepair\.wasm|vocab\/)/);
    const imported = [...text.matchAll(/import\("(\.\/[^"]+)"\)/g)].map((m) => m[1]).sort();
    expect(imported).toEqual(["./vocab/cl100k_base.js", "./vocab/o200k_base.js", "./vocab/p50k_base.js", "./vocab/r50k_base.js", "./wasm.js"]);
  }
  expect(readFileSync(new URL("../../build/inline/browser.js", import.meta.url), "utf8")).not.toMatch(/\bimport\s*\(?\s*["']node:/);
});

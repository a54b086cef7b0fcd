// init(): its argument checks, loading from bytes given in memory, a missing vocabulary, and the
// rule that a source already used cannot change (the same one again is fine). One process per
// test file, so the loads here start from nothing.

import { expect, test } from "vitest";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { init, getEncoding, BytepairError } from "bytepair";
import { reference } from "../helpers/reference.js";

const build = new URL("../../build/", import.meta.url);
const wasmBytes = readFileSync(new URL("bytepair.wasm", build));
const cl100k = readFileSync(new URL("vocab/cl100k_base.bpv", build));
const cl100kBuffer = cl100k.buffer.slice(cl100k.byteOffset, cl100k.byteOffset + cl100k.byteLength);

function errorOf(f: () => unknown): BytepairError {
  try {
    f();
  } catch (e) {
    return e as BytepairError;
  }
  throw new Error("no error");
}

test.each([
  [null, /init\(\) takes an object.*not null/],
  ["https://example.com/bytepair.wasm", /init\(\) takes an object.*not string/],
  [{ wasmm: new Uint8Array() }, /unknown option "wasmm"/],
  [{ wasm: 42 }, /init\(\{ wasm \}\) takes a WebAssembly.Module, bytes.*not number 42/],
  [{ wasm: "bytepair.wasm" }, /init\(\{ wasm \}\): "bytepair.wasm" is not a URL/],
  [{ vocab: [] }, /init\(\{ vocab \}\) takes a URL of the vocab directory or a record of files, not an array/],
  [{ vocab: { o200k: new Uint8Array() } }, /unknown vocabulary "o200k" \(known: r50k_base, p50k_base, cl100k_base, o200k_base\)/],
  [{ vocab: { "o200k_base.bpv": [1, 2] } }, /init\(\{ vocab \}\) o200k_base.bpv: expected a Uint8Array, an ArrayBuffer or a URL, not an array/],
])("init(%o) is INVALID_ARGUMENT naming what was given", (options, message) => {
  const error = errorOf(() => init(options as never));
  expect(error).toBeInstanceOf(BytepairError);
  expect(error.code).toBe("INVALID_ARGUMENT");
  expect(error.message).toMatch(message);
});

test("a source that fails to load may be replaced by another", async () => {
  init({ wasm: new URL("file:///nonexistent/bytepair.wasm"), vocab: new URL("file:///nonexistent/vocab/") });
  await expect(getEncoding("r50k_base")).rejects.toMatchObject({ code: "ASSET_LOAD_FAILED", message: expect.stringMatching(/nonexistent/) });
  init({ wasm: wasmBytes, vocab: { cl100k_base: cl100kBuffer } });
  const enc = await getEncoding("cl100k_base");
  expect(Array.from(enc.encode("retried"))).toEqual(Array.from(reference("cl100k_base").encode("retried")));
});

test("loads from bytes given to init; a vocabulary it lacks is ASSET_LOAD_FAILED naming both", async () => {
  init({ wasm: wasmBytes, vocab: { cl100k_base: cl100kBuffer } });
  const text = "init() from bytes: Grüße 世界 🫠";
  const enc = await getEncoding("cl100k_base");
  expect(Array.from(enc.encode(text))).toEqual(Array.from(reference("cl100k_base").encode(text)));
  await expect(getEncoding("o200k_base")).rejects.toMatchObject({
    code: "ASSET_LOAD_FAILED",
    message: expect.stringMatching(/No packed vocabulary o200k_base\.bpv: init\(\{ vocab \}\) gave cl100k_base/),
  });
});

test("after loading, init with the same sources is fine and with others is INVALID_ARGUMENT", () => {
  init({ wasm: wasmBytes, vocab: { cl100k_base: cl100kBuffer } });
  expect(errorOf(() => init({ wasm: new Uint8Array(wasmBytes) }))).toMatchObject({ code: "INVALID_ARGUMENT", message: expect.stringMatching(/engine module is already loaded/) });
  expect(errorOf(() => init({ vocab: new URL("https://example.com/vocab/") }))).toMatchObject({ code: "INVALID_ARGUMENT", message: expect.stringMatching(/already loaded/) });
});

test("bytes that are not the engine are ASSET_LOAD_FAILED, not a WebAssembly error", () => {
  const script = `import("bytepair").then(async ({ init, getEncoding }) => {
    init({ wasm: new Uint8Array([0, 97, 115, 109, 9, 9]) });
    await getEncoding("r50k_base").catch((e) => console.log(JSON.stringify({ name: e.name, code: e.code, message: e.message })));
  });`;
  const out = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: new URL("../..", import.meta.url), encoding: "utf8" }));
  expect(out).toMatchObject({ name: "BytepairError", code: "ASSET_LOAD_FAILED", message: expect.stringMatching(/Could not compile the engine from the bytes given to init\(\{ wasm \}\)/) });
});

// The package as users import it: the name resolves through package.json's exports, and the
// types and files it lists exist.

import { expect, test } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import * as bytepair from "bytepair";

const packageJson = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));

test('"bytepair" resolves to the built entry with the public API', async () => {
  expect(Object.keys(bytepair).sort()).toEqual(["BytepairError", "Tokenizer", "encodingNames", "encodingForModel", "getEncoding", "init", "lecture", "train"].sort());
  const enc = await bytepair.getEncoding("o200k_base");
  expect(enc).toBeInstanceOf(bytepair.Tokenizer);
  expect(bytepair.encodingNames).toEqual(["gpt2", "r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base"]);
});

test("every file the package lists exists after the build", () => {
  const root = new URL("../../", import.meta.url);
  for (const path of [packageJson.exports["."].types, packageJson.exports["."].default, packageJson.exports["."].browser, packageJson.exports["./worker"].default, packageJson.exports["./worker"].types, packageJson.exports["./wasm"], packageJson.bin.bytepair, "build/train-worker.js", "build/encode-worker.js", "build/playground/index.html", "build/playground/app.js"]) {
    expect(existsSync(new URL(path, root)), path).toBe(true);
  }
  for (const name of ["r50k_base", "p50k_base", "cl100k_base", "o200k_base"]) {
    expect(existsSync(new URL(packageJson.exports["./vocab/*"].replace("*", `${name}.bpv`), root)), name).toBe(true);
  }
});

test("the browser build imports no node: module and the worker entry imports only it and the .wasm", () => {
  const browser = readFileSync(new URL("../../build/browser.js", import.meta.url), "utf8");
  expect(browser).not.toMatch(/\bimport\s*\(?\s*["']node:/);
  const worker = readFileSync(new URL("../../build/worker.js", import.meta.url), "utf8");
  expect([...worker.matchAll(/from "([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(["./browser.js", "./browser.js", "./bytepair.wasm"]);
});

// The package as users import it: the name resolves through package.json's exports, the types and
// files it lists exist, and the shipped types check in a strict consumer project.

import { afterAll, expect, test } from "vitest";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as bytepair from "bytepair";
import { freshDir, removeFreshDirs, repoRoot, run } from "./harness.js";

const packageJson = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));

test('"bytepair" resolves to the built entry with the public API', async () => {
  expect(Object.keys(bytepair).sort()).toEqual(["BytepairError", "Tokenizer", "encodeChat", "encodingNames", "encodingForModel", "getEncoding", "init", "lecture", "renderChatTemplate", "train"].sort());
  const enc = await bytepair.getEncoding("o200k_base");
  expect(enc).toBeInstanceOf(bytepair.Tokenizer);
  expect(bytepair.encodingNames).toEqual(["gpt2", "r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base", "o200k_harmony"]);
});

test("every file the package lists exists after the build", () => {
  const root = new URL("../../", import.meta.url);
  for (const path of [packageJson.exports["."].types, packageJson.exports["."].default, packageJson.exports["."].browser, packageJson.exports["./worker"].default, packageJson.exports["./worker"].types, packageJson.exports["./inline"].types, packageJson.exports["./inline"].default, packageJson.exports["./inline"].browser, packageJson.exports["./wasm"], packageJson.bin.bytepair, "build/train-worker.js", "build/encode-worker.js", "build/playground/index.html", "build/playground/app.js", "build/playground/train-worker.js"]) {
    expect(existsSync(new URL(path, root)), path).toBe(true);
  }
  for (const name of ["r50k_base", "p50k_base", "cl100k_base", "o200k_base"]) {
    expect(existsSync(new URL(packageJson.exports["./vocab/*"].replace("*", `${name}.bpv`), root)), name).toBe(true);
  }
});

test('the top-level "browser" field, for resolvers that skip exports (Parcel by default), is the browser condition\'s file', () => {
  expect(packageJson.browser).toBe(packageJson.exports["."].browser);
});

test("the browser build imports no node: module and the worker entry imports only it and the .wasm", () => {
  const browser = readFileSync(new URL("../../build/browser.js", import.meta.url), "utf8");
  expect(browser).not.toMatch(/\bimport\s*\(?\s*["']node:/);
  const worker = readFileSync(new URL("../../build/worker.js", import.meta.url), "utf8");
  expect([...worker.matchAll(/from "([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(["./browser.js", "./browser.js", "./bytepair.wasm"]);
});

afterAll(removeFreshDirs);

// A consumer that uses the main entry and the worker entry, type-checked with nothing skipped.
const CONSUMER = `import { getEncoding, Tokenizer, BytepairError, train, renderChatTemplate, type EncodeOptions, type TokenizerInfo, type ChatTemplateMessage } from "bytepair";
import { init } from "bytepair/worker";
import { getEncoding as getInlineEncoding } from "bytepair/inline";
const enc: Tokenizer = await getEncoding("o200k_base");
const inlined: Tokenizer = await getInlineEncoding("cl100k_base", { engine: "js" });
const options: EncodeOptions = { allowedSpecial: "all" };
const ids: Uint32Array = enc.encode("hello", options);
const info: TokenizerInfo = enc.info();
const trained = await train("a b c", { vocabSize: 260 });
const chat: ChatTemplateMessage[] = [{ role: "user", content: "hi" }];
const text: string = await enc.applyChatTemplate(chat, { chatTemplate: "{{ messages[0].content }}", tokenize: false });
const chatIds: Uint32Array = await enc.applyChatTemplate(chat, { chatTemplate: "{{ messages[0].content }}", enable_thinking: false });
const rendered: string = await renderChatTemplate(chat, { config: { chat_template: "x", bos_token: { content: "<s>" } } });
export const checked = [ids.length, info.vocabSize, trained.merges.length, typeof init, BytepairError.name, inlined.name, text, chatIds.length, rendered];
`;

test.each([
  ["node16", "node16"],
  ["esnext", "bundler"],
])("the shipped types check under strict, skipLibCheck false, module %s, moduleResolution %s", async (module, moduleResolution) => {
  const dir = freshDir("types");
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(repoRoot, join(dir, "node_modules/bytepair"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(join(dir, "consumer.ts"), CONSUMER);
  const compilerOptions = { strict: true, skipLibCheck: false, module, moduleResolution, target: "es2022", lib: ["es2022", "dom"], types: [], noEmit: true };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["consumer.ts"] }));
  await run(process.execPath, [join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", dir], { cwd: dir });
});

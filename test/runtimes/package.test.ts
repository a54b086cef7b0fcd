// The package as users import it: the name resolves through package.json's exports, the types and
// files it lists exist, and the shipped types check in a strict consumer project.

import { afterAll, expect, test } from "vitest";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as bytepair from "bytepair";
import { reference } from "../helpers/reference.js";
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

// The per-encoding entries: what a bundler given one of them would emit. It follows every import,
// static or dynamic, from the entry, and emits each file named by a new URL literal on the way.
const ENTRY_RANKS: Record<string, string> = { gpt2: "r50k_base", r50k_base: "r50k_base", p50k_base: "p50k_base", p50k_edit: "p50k_base", cl100k_base: "cl100k_base", o200k_base: "o200k_base", o200k_harmony: "o200k_base" };
const buildDir = fileURLToPath(new URL("../../build/", import.meta.url));

/** The build/-relative paths of the files named by new URL literals in `entry`'s module graph. */
function assetsReachedFrom(entry: string): string[] {
  const seen = new Set<string>();
  const assets = new Set<string>();
  const queue = [join(buildDir, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const [, path] of text.matchAll(/new URL\("(\.\.?\/[^"]+)", import\.meta\.url\)/g)) {
      assets.add(fileURLToPath(new URL(path, pathToFileURL(file))).slice(buildDir.length));
    }
    const imports = [...text.matchAll(/\bfrom\s*"(\.\.?\/[^"]+)"|\bimport\s*\(?\s*"(\.\.?\/[^"]+)"/g)].map((m) => m[1] ?? m[2]);
    for (const path of imports) if (path.endsWith(".js")) queue.push(join(dirname(file), path));
  }
  return [...assets].sort();
}

test("the main entries reach all four vocabularies; each encoding's entry reaches its own alone", () => {
  const all = ["bytepair.wasm", "vocab/cl100k_base.bpv", "vocab/o200k_base.bpv", "vocab/p50k_base.bpv", "vocab/r50k_base.bpv"];
  expect(assetsReachedFrom("index.js")).toEqual(all);
  expect(assetsReachedFrom("browser.js")).toEqual(all);
  for (const [name, ranks] of Object.entries(ENTRY_RANKS)) {
    for (const file of [`encodings/${name}.js`, `encodings/${name}.browser.js`, `encodings/${name}.edge.js`]) {
      expect(assetsReachedFrom(file), file).toEqual(["bytepair.wasm", `vocab/${ranks}.bpv`]);
    }
  }
  expect(Object.keys(ENTRY_RANKS).sort()).toEqual([...bytepair.encodingNames].sort());
});

test('"bytepair/encodings/NAME" gives the tokenizer getEncoding gives, with tiktoken\'s ids', async () => {
  for (const name of Object.keys(ENTRY_RANKS)) {
    const entry = (await import(`bytepair/encodings/${name}`)) as Record<string, unknown>;
    expect(Object.keys(entry).sort(), name).toEqual(["BytepairError", "init", name].sort());
    expect(entry.BytepairError).toBe(bytepair.BytepairError);
    expect(entry.init).toBe(bytepair.init);
    const load = entry[name] as (options?: { engine?: "js" | "wasm" }) => Promise<bytepair.Tokenizer>;
    const enc = await load();
    expect(enc).toBe(await bytepair.getEncoding(name as bytepair.EncodingName));
    expect(await load({ engine: "js" })).toBe(await bytepair.getEncoding(name as bytepair.EncodingName, { engine: "js" }));
    const text = "Grüße, 世界! 👋 <|endoftext|> def add(a, b):\n    return a + b\n";
    expect(Array.from(enc.encode(text, { allowedSpecial: "all" })), name).toEqual(Array.from(reference(name === "o200k_harmony" ? "o200k_base" : name).encode(text, "all")));
  }
});

afterAll(removeFreshDirs);

// A consumer that uses the main entry and the worker entry, type-checked with nothing skipped.
const CONSUMER = `import { getEncoding, Tokenizer, BytepairError, train, renderChatTemplate, type EncodeOptions, type TokenizerInfo, type ChatTemplateMessage } from "bytepair";
import { init } from "bytepair/worker";
import { getEncoding as getInlineEncoding } from "bytepair/inline";
import { o200k_base, BytepairError as EntryError, type Tokenizer as EntryTokenizer, type EncodeOptions as EntryOptions } from "bytepair/encodings/o200k_base";
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
const alone: EntryTokenizer = await o200k_base({ engine: "wasm" });
const entryOptions: EntryOptions = { disallowedSpecial: [] };
export const checked = [alone.count("hi", entryOptions), EntryError.name, ids.length, info.vocabSize, trained.merges.length, typeof init, BytepairError.name, inlined.name, text, chatIds.length, rendered];
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

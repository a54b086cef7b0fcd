// build/index.js is split (scripts/build-host.mjs) so that `import "bytepair"` parses only what
// getEncoding needs: the file-format readers, the pure-JS twin and train() are chunks loaded on first
// use. These tests read the built files' import graph, and use each lazy part from build/index.js in a
// fresh process (chunks resolve beside it).

import { expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

const buildDir = new URL("../../build/", import.meta.url);

/** The texts of the files reached from `entry`: by static imports only, or by dynamic ones too. */
function reachable(entry: string, followDynamic: boolean): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(new URL(file, buildDir), "utf8");
    seen.set(file, text);
    for (const m of text.matchAll(/(?:from|import)\s*"\.\/((?:browser-)?chunk-[\w-]+\.js)"/g)) visit(m[1]);
    if (followDynamic) for (const m of text.matchAll(/import\("\.\/((?:browser-)?chunk-[\w-]+\.js)"\)/g)) visit(m[1]);
  };
  visit(entry);
  return seen;
}

const contains = (files: Map<string, string>, what: string) => [...files.values()].some((text) => text.includes(what));

test("the static import graph of build/index.js leaves out the lazy parts, which dynamic imports reach", () => {
  const eager = reachable("index.js", false);
  const all = reachable("index.js", true);
  for (const lazy of ["var JsEngine = class", "function readHfPipeline", "async function enginePartsFromTiktoken", "async function countInWorkers"]) {
    expect(contains(eager, lazy), lazy).toBe(false);
    expect(contains(all, lazy), lazy).toBe(true);
  }
  // What getEncoding and the synchronous save methods need is there from the start.
  for (const eagerPart of ["function getEncoding", "var Engine = class", "function readPackedVocab", "function formatTiktoken"]) {
    expect(contains(eager, eagerPart), eagerPart).toBe(true);
  }
});

test("the eager part is one chunk: importing build/index.js or build/browser.js reads two files", () => {
  // Each file of the static graph is read, compiled and linked before the first call (a cold start
  // cost, docs/performance.md section 21).
  for (const entry of ["index.js", "browser.js"]) {
    const eager = [...reachable(entry, false).keys()];
    expect(eager, entry).toHaveLength(2);
    // The shared chunk holds the engine; the entry keeps what only it reaches (the four vocabularies).
    expect(contains(reachable(eager[1], false), "var Engine = class"), entry).toBe(true);
  }
});

test("each lazy part loads from build/index.js in a fresh process", () => {
  const script = `
    const { getEncoding, Tokenizer, train } = await import(${JSON.stringify(new URL("index.js", buildDir).href)});
    const wasm = await getEncoding("cl100k_base");
    const js = await getEncoding("cl100k_base", { engine: "js" });
    const text = "Lazy chunks load beside index.js, 12345 times!";
    const again = await Tokenizer.fromTiktoken(wasm.toTiktoken(), { pattern: "cl100k" });
    const trained = await train("low lower lowest newer newest ".repeat(20), { vocabSize: 270 });
    console.log(JSON.stringify({ wasm: [...wasm.encode(text)], js: [...js.encode(text)], again: [...again.encode(text)], merges: trained.merges.length }));
  `;
  const out = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }));
  expect(out.js).toEqual(out.wasm);
  expect(out.again).toEqual(out.wasm);
  expect(out.merges).toBe(270 - 256);
});

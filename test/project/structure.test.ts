// The host's shape: index.ts is a barrel that only entries import; imports between the modules of
// src/ form no cycle, type-only ones included (they erase at run time, but a loop of them is still two
// files that each need the other to be read); and the folders of src/ form layers: no folder imports
// one that imports it back, so each can be read knowing only the ones below it.

import { expect, test } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const ENTRIES = new Set(["browser.ts", "worker.ts", "edge.ts", "inline.ts", "index.ts"]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Imports (static, dynamic and type-only) of a module, as paths of src/ files. */
function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  const statics = /^(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gm;
  const dynamics = /import\(\s*"(\.[^"]+)"\s*\)/g;
  for (const pattern of [statics, dynamics]) {
    for (const m of text.matchAll(pattern)) found.push(resolve(dirname(file), m[1].replace(/\.js$/, ".ts")));
  }
  return found.filter((path) => path.startsWith(SRC));
}

const graph = new Map(sources(SRC).map((file) => [file, imports(file)]));
const name = (file: string) => relative(SRC, file);

test("nothing inside src/ imports the barrel but the entries", () => {
  const barrel = join(SRC, "index.ts");
  const importers = [...graph].filter(([file, deps]) => deps.includes(barrel) && !ENTRIES.has(name(file))).map(([file]) => name(file));
  expect(importers).toEqual([]);
});

/** The cycles of a graph, each as "a -> b -> a". */
function cycles(edges: Map<string, string[]>): string[] {
  const state = new Map<string, "open" | "done">();
  const found: string[] = [];
  const visit = (node: string, path: string[]): void => {
    if (state.get(node) === "done") return;
    if (state.get(node) === "open") {
      found.push([...path.slice(path.indexOf(node)), node].join(" -> "));
      return;
    }
    state.set(node, "open");
    for (const next of edges.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, "done");
  };
  for (const node of edges.keys()) visit(node, []);
  return found;
}

test("imports form no cycle", () => {
  const named = new Map([...graph].map(([file, deps]) => [name(file), deps.map(name)]));
  expect(cycles(named)).toEqual([]);
});

test("folders form layers: none imports a folder that imports it back", () => {
  // A top-level file (api.ts, errors.ts, ...) is a layer of its own.
  const layer = (file: string) => name(file).split(/[/\\]/)[0];
  const edges = new Map<string, string[]>();
  for (const [file, deps] of graph) {
    const from = layer(file);
    const targets = edges.get(from) ?? [];
    for (const to of deps.map(layer)) if (to !== from && !targets.includes(to)) targets.push(to);
    edges.set(from, targets);
  }
  expect(cycles(edges)).toEqual([]);
});

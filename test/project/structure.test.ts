// The host's shape: index.ts is a barrel that only entries import, and value imports between the
// modules of src/ form no cycle (type-only imports are erased by the compiler and cannot loop).

import { expect, test } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const ENTRIES = new Set(["browser.ts", "worker.ts", "index.ts"]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Value imports (static and dynamic) of a module, as paths of src/ files. */
function valueImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  const statics = /^(?:import|export)\s+(?!type\b)[^;]*?from\s+"(\.[^"]+)"/gm;
  const dynamics = /import\(\s*"(\.[^"]+)"\s*\)/g;
  for (const pattern of [statics, dynamics]) {
    for (const m of text.matchAll(pattern)) found.push(resolve(dirname(file), m[1].replace(/\.js$/, ".ts")));
  }
  return found.filter((path) => path.startsWith(SRC));
}

const graph = new Map(sources(SRC).map((file) => [file, valueImports(file)]));
const name = (file: string) => relative(SRC, file);

test("nothing inside src/ imports the barrel but the entries", () => {
  const barrel = join(SRC, "index.ts");
  const importers = [...graph].filter(([file, deps]) => deps.includes(barrel) && !ENTRIES.has(name(file))).map(([file]) => name(file));
  expect(importers).toEqual([]);
});

test("value imports form no cycle", () => {
  const state = new Map<string, "open" | "done">();
  const cycles: string[] = [];
  const visit = (file: string, path: string[]): void => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "open") {
      cycles.push([...path.slice(path.indexOf(file)), file].map(name).join(" -> "));
      return;
    }
    state.set(file, "open");
    for (const dep of graph.get(file) ?? []) visit(dep, [...path, file]);
    state.set(file, "done");
  };
  for (const file of graph.keys()) visit(file, []);
  expect(cycles).toEqual([]);
});

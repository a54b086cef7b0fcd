// The engine's ABI constants (assembly/abi.ts) and the host's copy (src/abi.ts) agree, name for name
// and value for value, and neither side defines a return code anywhere else.

import { expect, test } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as host from "../../src/abi.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

function engineConstants(): Record<string, number> {
  const text = readFileSync(join(root, "assembly/abi.ts"), "utf8");
  const found: Record<string, number> = {};
  for (const m of text.matchAll(/^export const (\w+): \w+ = (-?(?:0x[0-9a-fA-F]+|\d+));/gm)) found[m[1]] = Number(m[2]);
  return found;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

test("every constant of the engine's ABI has the host's value, and no other", () => {
  const engine = engineConstants();
  expect(Object.keys(engine).length).toBeGreaterThan(20);
  expect({ ...host }).toEqual(engine);
});

test("return codes are defined only in the two ABI files", () => {
  const elsewhere = [...files(join(root, "assembly")), ...files(join(root, "src"))]
    .filter((path) => !/[/\\](assembly|src)[/\\]abi\.ts$/.test(path))
    .filter((path) => /^\s*(export\s+)?const ERR_\w+(:\s*\w+)?\s*=\s*-?\d/m.test(readFileSync(path, "utf8")))
    .map((path) => path.slice(root.length));
  expect(elsewhere).toEqual([]);
});

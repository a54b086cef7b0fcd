// A byte-order mark at the start of a file is text (U+FEFF) for every command, as it is in the string
// the file holds: count, encode and encode-file give the ids tiktoken gives for that string.

import { expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { reference } from "../helpers/reference.js";

const cli = fileURLToPath(new URL("../../build/cli.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bytepair-bom-"));
const file = join(dir, "bom.txt");
const text = "\uFEFFhello world\nsecond line\n";
writeFileSync(file, text);
const want = Array.from(reference("o200k_base").encode_ordinary(text));

const run = (args: string[], input?: Buffer) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", input });

test("count --file, count and encode from standard input, encode-file", () => {
  expect(want[0]).not.toBe(reference("o200k_base").encode_ordinary(text.slice(1))[0]); // the mark makes a difference
  expect(run(["count", "--file", file]).stdout.trim()).toBe(String(want.length));
  expect(run(["count"], readFileSync(file)).stdout.trim()).toBe(String(want.length));
  expect(JSON.parse(run(["encode", "--json"], readFileSync(file)).stdout)).toEqual(want);
  const out = join(dir, "bom.npy");
  expect(run(["encode-file", file, "-o", out, "--dtype", "uint32"]).status).toBe(0);
  const bytes = readFileSync(out);
  const data = bytes.subarray(10 + bytes.readUInt16LE(8));
  expect(Array.from(new Uint32Array(data.buffer, data.byteOffset, data.length / 4))).toEqual(want);
});

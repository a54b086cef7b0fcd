// `bytepair encode-file`: a text file to a token array on disk, the same with any number of worker
// threads as encoding the whole text at once; read back by NumPy when it is installed.

import { expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getEncoding } from "bytepair";
import { corpusText } from "../helpers/corpus.js";

const cli = fileURLToPath(new URL("../../build/cli.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bytepair-encode-file-"));
// Documents separated by <|endoftext|>, several MB, so the file is cut into many pieces.
const text = [corpusText("udhr").slice(0, 3_000_000), corpusText("ts-code"), corpusText("brown").slice(0, 1_000_000)].join("<|endoftext|>");
const input = join(dir, "corpus.txt");
writeFileSync(input, text);

function run(...args: string[]) {
  return spawnSync(process.execPath, [cli, "encode-file", input, ...args], { encoding: "utf8" });
}

/** The ids of an .npy file written by encode-file (header parsed per the format). */
function readNpy(path: string): { dtype: string; ids: number[] } {
  const bytes = readFileSync(path);
  const headerLength = bytes.readUInt16LE(8);
  const header = bytes.subarray(10, 10 + headerLength).toString("latin1");
  const dtype = /'descr': '([^']+)'/.exec(header)![1];
  const data = bytes.subarray(10 + headerLength);
  const ids = dtype === "<u2" ? Array.from(new Uint16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length))) : Array.from(new Uint32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length)));
  return { dtype, ids };
}

test("one thread and two worker threads write the ids of encoding the whole file", async () => {
  const expected = Array.from((await getEncoding("o200k_base")).encode(text, { allowedSpecial: ["<|endoftext|>"] }));
  for (const workers of ["0", "2"]) {
    const out = join(dir, `o200k-${workers}.npy`);
    const result = run("-o", out, "--workers", workers, "--special", "<|endoftext|>");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/MB\/s/);
    const { dtype, ids } = readNpy(out);
    expect(dtype).toBe("<u4");
    expect(ids.length).toBe(expected.length);
    expect(ids.every((id, i) => id === expected[i])).toBe(true);
  }
  expect(readFileSync(join(dir, "o200k-0.npy")).equals(readFileSync(join(dir, "o200k-2.npy")))).toBe(true);
});

test("uint16 when the ids fit, with a .bin and its JSON sidecar", async () => {
  const expected = Array.from((await getEncoding("r50k_base")).encode(text, { allowedSpecial: "all" }));
  const out = join(dir, "r50k.bin");
  const result = run("-o", out, "-e", "r50k_base", "--allow-special", "--workers", "2");
  expect(result.status, result.stderr).toBe(0);
  const sidecar = JSON.parse(readFileSync(`${out}.json`, "utf8"));
  expect(sidecar).toMatchObject({ dtype: "uint16", count: expected.length, encoding: "r50k_base", eotId: 50256 });
  const raw = readFileSync(out);
  expect(Array.from(new Uint16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length)))).toEqual(expected);
});

const numpy = spawnSync("python3", ["-c", "import numpy"], { encoding: "utf8" }).status === 0;
test.skipIf(!numpy)("numpy.load reads the .npy (skipped without python3 and numpy)", () => {
  const out = join(dir, "o200k-2.npy");
  const py = spawnSync("python3", ["-c", `import numpy as np; a = np.load(${JSON.stringify(out)}); print(a.dtype, a.shape[0], int(a[:1000].sum()))`], { encoding: "utf8" });
  expect(py.status, py.stderr).toBe(0);
  const { ids } = readNpy(out);
  expect(py.stdout.trim()).toBe(`uint32 ${ids.length} ${ids.slice(0, 1000).reduce((a, b) => a + b, 0)}`);
});

test("errors: a disallowed special token names its byte offset and line in the file; uint16 is refused when ids do not fit", () => {
  // Several pieces into the file: the lines of the pieces before it count, in worker threads or not.
  const before = text.slice(0, text.indexOf("<|endoftext|>"));
  const line = before.split("\n").length;
  expect(Buffer.byteLength(before)).toBeGreaterThan(3 << 20);
  for (const workers of ["2", "0"]) {
    const denied = run("-o", join(dir, "x.npy"), "--workers", workers);
    expect(denied.status).toBe(1);
    expect(existsSync(join(dir, "x.npy")), "no partial file is left").toBe(false);
    expect(denied.stderr).toContain(`"<|endoftext|>" at byte ${Buffer.byteLength(before)} (line ${line}); pass --allow-special or --special "<|endoftext|>"`);
  }
  const narrow = run("-o", join(dir, "y.npy"), "--dtype", "uint16", "--allow-special");
  expect(narrow.status).toBe(1);
  expect(narrow.stderr).toBe("bytepair: --dtype uint16 holds ids up to 65535, but o200k_base has 200019 ids; pass --dtype uint32\n");
  const unknown = run("-o", join(dir, "z.npy"), "--special", "<|nope|>");
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toMatch(/not a special token of o200k_base/);
});

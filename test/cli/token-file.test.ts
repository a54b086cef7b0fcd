// Token files (src/cli/token-file.ts): the .npy header against the format spec (numpy.lib.format), round trips of
// random ids read back with plain fs, the uint16 refusals, and numpy itself loading what we write.

import { afterAll, describe, expect, test } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { BytepairError } from "../../src/errors.js";
import { TokenFileWriter, maxIdOf, checkDtype, npyHeader, type TokenDtype, type TokenFileFormat } from "../../src/cli/token-file.js";
import { prng, randomInt } from "../helpers/random.js";

const dir = mkdtempSync(join(tmpdir(), "bytepair-token-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNumber = 0;
const tempPath = (ext: string) => join(dir, `tokens-${fileNumber++}.${ext}`);

const BYTES: Record<TokenDtype, number> = { uint16: 2, uint32: 4 };
const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** Parses a .npy (1.0) header as the spec describes it; throws on anything else. */
function parseNpy(file: Uint8Array) {
  expect(ascii(file.subarray(0, 6))).toBe("\x93NUMPY");
  expect([file[6], file[7]]).toEqual([1, 0]);
  const headerLength = file[8] | (file[9] << 8);
  const dataOffset = 10 + headerLength;
  const text = ascii(file.subarray(10, dataOffset));
  const match = /^\{'descr': '(<u[24])', 'fortran_order': (False|True), 'shape': \((\d+),\), \} *\n$/.exec(text);
  if (!match) throw new Error(`unexpected .npy header ${JSON.stringify(text)}`);
  return { dataOffset, text, descr: match[1], fortranOrder: match[2] === "True", shape: [Number(match[3])] };
}

/** Little-endian ids from raw bytes, whatever the host's byte order. */
function readIds(bytes: Uint8Array, dtype: TokenDtype): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ids = new Uint32Array(bytes.length / BYTES[dtype]);
  for (let i = 0; i < ids.length; i++) ids[i] = dtype === "uint16" ? view.getUint16(2 * i, true) : view.getUint32(4 * i, true);
  return ids;
}

// expect().toEqual over a million ids is slow and its failure output useless; this says where they differ.
function firstDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): string | null {
  if (actual.length !== expected.length) return `length ${actual.length}, expected ${expected.length}`;
  for (let i = 0; i < actual.length; i++) if (actual[i] !== expected[i]) return `at ${i}: ${actual[i]}, expected ${expected[i]}`;
  return null;
}

/** Random ids below vocabSize in chunks of random sizes, ending with the extremes 0 and vocabSize - 1 and an empty chunk. */
function randomChunks(seed: number, vocabSize: number, total: number): Uint32Array[] {
  const random = prng(seed);
  const chunks: Uint32Array[] = [];
  for (let left = total; left > 0; ) {
    // Mostly small writes, sometimes one larger than the 1 MiB buffer, so batches split across flushes.
    const size = Math.min(left, random() < 0.05 ? 300_000 + randomInt(random, 300_000) : randomInt(random, 5_000));
    const chunk = new Uint32Array(size);
    for (let i = 0; i < size; i++) chunk[i] = randomInt(random, vocabSize);
    chunks.push(chunk);
    left -= size;
  }
  chunks.push(new Uint32Array([0, vocabSize - 1]), new Uint32Array(0));
  return chunks;
}

const concat = (chunks: Uint32Array[]) => {
  const all = new Uint32Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) all.set(c, (at += c.length) - c.length);
  return all;
};

async function writeFile(path: string, chunks: Uint32Array[], options: Parameters<typeof TokenFileWriter.open>[1]) {
  const writer = await TokenFileWriter.open(path, options);
  for (const chunk of chunks) await writer.write(chunk);
  await writer.close();
  return writer;
}

/** What a file holds, read with plain fs: dtype, shape and ids from a .npy, or from a .bin and its sidecar. */
function readTokenFile(path: string, format: TokenFileFormat) {
  const file = new Uint8Array(readFileSync(path));
  if (format === "npy") {
    const { dataOffset, descr, fortranOrder, shape } = parseNpy(file);
    const dtype: TokenDtype = descr === "<u2" ? "uint16" : "uint32";
    return { dtype, fortranOrder, shape, ids: readIds(file.subarray(dataOffset), dtype) };
  }
  const sidecar = JSON.parse(readFileSync(`${path}.json`, "utf8"));
  return { dtype: sidecar.dtype as TokenDtype, shape: [sidecar.count as number], sidecar, ids: readIds(file, sidecar.dtype) };
}

function expectInvalid(fn: () => unknown, pattern: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BytepairError);
    expect((e as BytepairError).code).toBe("INVALID_ARGUMENT");
    expect((e as Error).message).toMatch(pattern);
    return;
  }
  throw new Error("expected an INVALID_ARGUMENT error");
}

async function rejection(promise: Promise<unknown>): Promise<BytepairError> {
  const e = await promise.then(() => undefined, (e: unknown) => e);
  expect(e).toBeInstanceOf(BytepairError);
  expect((e as BytepairError).code).toBe("INVALID_ARGUMENT");
  return e as BytepairError;
}

describe("npyHeader", () => {
  test("follows the spec: magic, version 1.0, u16 length, the dict, spaces, newline, 64-byte aligned", () => {
    const header = npyHeader("uint16", 12345);
    const { dataOffset, text, descr, fortranOrder, shape } = parseNpy(header);
    expect(dataOffset).toBe(header.length);
    expect(header.length % 64).toBe(0);
    expect(text.startsWith("{'descr': '<u2', 'fortran_order': False, 'shape': (12345,), }")).toBe(true);
    expect(text.endsWith("\n")).toBe(true);
    expect(text.slice(61, -1)).toMatch(/^ *$/);
    expect({ descr, fortranOrder, shape }).toEqual({ descr: "<u2", fortranOrder: false, shape: [12345] });
    expect(parseNpy(npyHeader("uint32", 7)).descr).toBe("<u4");
  });

  test("has the same length for every count, so close() can rewrite it in place", () => {
    for (const dtype of ["uint16", "uint32"] as const) {
      const lengths = [0, 1, 2 ** 32, Number.MAX_SAFE_INTEGER].map((n) => npyHeader(dtype, n).length);
      expect(lengths).toEqual([128, 128, 128, 128]);
      expect(parseNpy(npyHeader(dtype, Number.MAX_SAFE_INTEGER)).shape).toEqual([2 ** 53 - 1]);
    }
  });

  test("refuses counts that are not integers from 0 to 2^53 - 1, and unknown dtypes", () => {
    for (const n of [-1, 1.5, 2 ** 53, Number.NaN]) expectInvalid(() => npyHeader("uint16", n), /count/);
    expectInvalid(() => npyHeader("int32" as TokenDtype, 1), /dtype "int32"/);
  });
});

describe("checkDtype", () => {
  test("accepts uint16 up to 65536 ids and uint32 beyond", () => {
    expect(checkDtype("uint16", 50257)).toBe("uint16");
    expect(checkDtype("uint16", 65536)).toBe("uint16");
    expect(checkDtype("uint32", 200019)).toBe("uint32");
  });

  test("refuses uint16 for a vocabulary that does not fit, saying to use uint32", () => {
    expectInvalid(() => checkDtype("uint16", 200019), /200019 ids does not fit in dtype "uint16".*use "uint32"/);
    expectInvalid(() => checkDtype("uint16", 65537), /65537/);
    expectInvalid(() => checkDtype("float32", 100), /Unknown token dtype "float32"/);
    expectInvalid(() => checkDtype("uint32", 0), /vocabSize/);
  });
});

describe("TokenFileWriter", () => {
  // uint16 with vocabSize 65536 reaches id 65535; uint32 over the whole range exercises all four bytes.
  const cases = [
    { format: "npy", dtype: "uint16", vocabSize: 65536, seed: 1 },
    { format: "npy", dtype: "uint32", vocabSize: 2 ** 32, seed: 2 },
    { format: "bin", dtype: "uint16", vocabSize: 65536, seed: 3 },
    { format: "bin", dtype: "uint32", vocabSize: 2 ** 32, seed: 4 },
  ] as const;

  test.each(cases)("round-trips random ids: $format, $dtype", async ({ format, dtype, vocabSize, seed }) => {
    const chunks = randomChunks(seed, vocabSize, 700_000);
    const expected = concat(chunks);
    const path = tempPath(format);
    const writer = await writeFile(path, chunks, { format, dtype, vocabSize });
    expect(writer.count).toBe(expected.length);
    const got = readTokenFile(path, format);
    expect(got.dtype).toBe(dtype);
    expect(got.shape).toEqual([expected.length]);
    expect(firstDifference(got.ids, expected)).toBeNull();
    const headerBytes = format === "npy" ? 128 : 0;
    expect(statSync(path).size).toBe(headerBytes + expected.length * BYTES[dtype]);
  });

  test("an empty .npy says shape (0,); the format follows the extension", async () => {
    const path = tempPath("npy");
    const writer = await writeFile(path, [], { dtype: "uint16", vocabSize: 50257 });
    expect(writer.format).toBe("npy");
    expect(readTokenFile(path, "npy").shape).toEqual([0]);
    expect(readFileSync(path).length).toBe(128);
  });

  test("the .bin sidecar holds dtype, count, encoding, eotId and the caller's metadata", async () => {
    const path = tempPath("bin");
    await writeFile(path, [new Uint32Array([13225, 11, 2375, 199999])], {
      dtype: "uint32",
      vocabSize: 200019,
      encoding: "o200k_base",
      eotId: 199999,
      metadata: { source: "corpus.txt", documents: 1 },
    });
    expect(JSON.parse(readFileSync(`${path}.json`, "utf8"))).toEqual({
      format: "bytepair-tokens",
      dtype: "uint32",
      count: 4,
      vocabSize: 200019,
      encoding: "o200k_base",
      eotId: 199999,
      source: "corpus.txt",
      documents: 1,
    });
  });

  test("refuses uint16 for a large vocabulary before creating the file", async () => {
    const path = tempPath("npy");
    const e = await rejection(TokenFileWriter.open(path, { dtype: "uint16", vocabSize: 200019 }));
    expect(e.message).toMatch(/200019 ids does not fit in dtype "uint16".*use "uint32"/);
    expect(existsSync(path)).toBe(false);
  });

  test("refuses an id >= 65536 mid-stream, naming it and its position; the rest is written", async () => {
    const path = tempPath("npy");
    const writer = await TokenFileWriter.open(path, { dtype: "uint16", vocabSize: 65536 });
    await writer.write(new Uint32Array([1, 2, 3]));
    const e = await rejection(writer.write(new Uint32Array([4, 5, 70000, 6])));
    expect(e.message).toMatch(/70000 at position 5 \(index 2 of this write\) does not fit in uint16/);
    expect([e.id, e.index]).toEqual([70000, 5]);
    expect(writer.count).toBe(3); // nothing of the refused call was kept
    await writer.write(new Uint32Array([65535]));
    await writer.close();
    const got = readTokenFile(path, "npy");
    expect(got.shape).toEqual([4]);
    expect(Array.from(got.ids)).toEqual([1, 2, 3, 65535]);
  });

  test("with maxIdOf's figure from the caller: the same ids accepted, the same id and position refused", async () => {
    const path = tempPath("npy");
    const writer = await TokenFileWriter.open(path, { dtype: "uint16", vocabSize: 65536 });
    const good = new Uint32Array([9, 65535, 0]);
    const bad = new Uint32Array([4, 70000, 6]);
    expect([maxIdOf(good), maxIdOf(bad), maxIdOf(new Uint32Array(0))]).toEqual([65535, 70000, 0]);
    await writer.write(good, maxIdOf(good));
    const e = await rejection(writer.write(bad, maxIdOf(bad)));
    expect([e.id, e.index]).toEqual([70000, 4]);
    await writer.close();
    expect(Array.from(readTokenFile(path, "npy").ids)).toEqual([9, 65535, 0]);
  });

  test("refuses ids not below vocabSize for uint32 too", async () => {
    const writer = await TokenFileWriter.open(tempPath("bin"), { dtype: "uint32", vocabSize: 100277 });
    const e = await rejection(writer.write(new Uint32Array([100276, 100277])));
    expect(e.message).toMatch(/100277 at position 1 .* is not below vocabSize 100277/);
    await writer.close();
  });

  test("refuses bad options and writes after close", async () => {
    const open = (path: string, options: object) =>
      rejection(TokenFileWriter.open(path, { dtype: "uint32", vocabSize: 1000, ...options }));
    expect((await open(tempPath("tokens"), {})).message).toMatch(/extension.*"npy" or "bin"/);
    expect((await open(tempPath("npy"), { encoding: "gpt2" })).message).toMatch(/only dtype and shape/);
    expect((await open(tempPath("bin"), { metadata: { count: 3 } })).message).toMatch(/may not set "count"/);
    expect((await open(tempPath("bin"), { eotId: 1000 })).message).toMatch(/eotId/);
    expect((await open(tempPath("bin"), { metadata: { n: 1n } })).message).toMatch(/JSON/);

    const writer = await TokenFileWriter.open(tempPath("bin"), { dtype: "uint32", vocabSize: 1000 });
    expect((await rejection(writer.write([1] as unknown as Uint32Array))).message).toMatch(/Uint32Array/);
    await writer.close();
    await writer.close(); // idempotent
    expect((await rejection(writer.write(new Uint32Array([1])))).message).toMatch(/closed/);
  });

  test("writes issued without awaiting land in call order", async () => {
    const path = tempPath("bin");
    const writer = await TokenFileWriter.open(path, { dtype: "uint16", vocabSize: 65536 });
    const chunks = randomChunks(7, 65536, 400_000);
    const pending = chunks.map((chunk) => writer.write(chunk));
    await Promise.all([...pending, writer.close()]);
    expect(firstDifference(readTokenFile(path, "bin").ids, concat(chunks))).toBeNull();
  });
});

// numpy is the reader that matters; it is not a dependency, so this runs only where python3 has it.
const python = spawnSync("python3", ["-c", "import numpy; print(numpy.__version__)"], { encoding: "utf8" });
const numpyVersion = python.status === 0 ? python.stdout.trim() : null;
const numpyTitle = numpyVersion
  ? `numpy ${numpyVersion} loads them: same values, shape and dtype; our .npy is byte for byte numpy.save's`
  : "numpy loads them (SKIPPED: python3 with numpy not found)";

// Loads each file as a training script would, and np.save's the array to `<file>.ref.npy` for comparison.
const NUMPY_SCRIPT = `
import json, sys
import numpy as np
out = []
for path in json.loads(sys.argv[1]):
    if path.endswith(".npy"):
        a = np.load(path)
        m = np.load(path, mmap_mode="r")
        assert m.shape == a.shape and m.dtype == a.dtype and bool((m == a).all())
        np.save(path[:-4] + ".ref.npy", a)
    else:
        meta = json.load(open(path + ".json"))
        a = np.fromfile(path, dtype=np.dtype(meta["dtype"]).newbyteorder("<"))
        assert len(a) == meta["count"]
    out.append({"dtype": a.dtype.str, "shape": list(a.shape), "values": a.tolist()})
print(json.dumps(out))
`;

test.skipIf(!numpyVersion)(numpyTitle, async () => {
  const files: { path: string; format: TokenFileFormat; dtype: TokenDtype; ids: Uint32Array }[] = [];
  for (const format of ["npy", "bin"] as const) {
    for (const [dtype, vocabSize] of [["uint16", 50257], ["uint32", 200019]] as const) {
      const chunks = randomChunks(100 + files.length, vocabSize, 60_000);
      const path = tempPath(format);
      await writeFile(path, chunks, { dtype, vocabSize, ...(format === "bin" ? { encoding: "test" } : {}) });
      files.push({ path, format, dtype, ids: concat(chunks) });
    }
  }
  const emptyPath = tempPath("npy");
  await writeFile(emptyPath, [], { dtype: "uint32", vocabSize: 200019 });
  files.push({ path: emptyPath, format: "npy", dtype: "uint32", ids: new Uint32Array(0) });

  const run = spawnSync("python3", ["-c", NUMPY_SCRIPT, JSON.stringify(files.map((f) => f.path))], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const loaded: { dtype: string; shape: number[]; values: number[] }[] = JSON.parse(run.stdout);
  files.forEach((file, i) => {
    expect(loaded[i].dtype).toBe(file.dtype === "uint16" ? "<u2" : "<u4");
    expect(loaded[i].shape).toEqual([file.ids.length]);
    expect(firstDifference(loaded[i].values, file.ids)).toBeNull();
    if (file.format === "npy") {
      const ours = readFileSync(file.path);
      const numpys = readFileSync(file.path.replace(/\.npy$/, ".ref.npy"));
      expect(ours.equals(numpys)).toBe(true);
    }
  });
});

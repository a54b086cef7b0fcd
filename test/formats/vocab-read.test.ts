// Loading a packed vocabulary from a local file, which reads its tables straight into the engine's
// memory (src/vocab/read.ts): damaged files are INVALID_VOCAB errors that say what is wrong, a
// missing one is ASSET_LOAD_FAILED, and after each failure another source may be tried (init). One
// process per test file, so the loads here start from nothing.

import { expect, test } from "vitest";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { init, getEncoding } from "bytepair";
import { reference } from "../helpers/reference.js";

const good = readFileSync(new URL("../../build/vocab/r50k_base.bpv", import.meta.url));
// p50k_base's ids skip 50256 (a special token), so its file keeps an ids table; r50k_base's are its ranks.
const p50k = readFileSync(new URL("../../build/vocab/p50k_base.bpv", import.meta.url));
const headerLength = good.readUInt32LE(4);
const header = JSON.parse(good.subarray(8, 8 + headerLength).toString());

/** A directory holding `bytes` as r50k_base.bpv (or nothing), and `more` files by name, for init({ vocab }). */
function vocabDir(bytes?: Uint8Array, more: Record<string, Uint8Array> = {}): URL {
  const dir = mkdtempSync(join(tmpdir(), "bytepair-vocab-"));
  if (bytes) writeFileSync(join(dir, "r50k_base.bpv"), bytes);
  for (const [name, file] of Object.entries(more)) writeFileSync(join(dir, name), file);
  return pathToFileURL(`${dir}/`);
}

/** The file with its header JSON changed by `edit` (same length: the layout stays put). */
function withHeader(edit: (header: string) => string): Buffer {
  const bytes = Buffer.from(good);
  const text = edit(bytes.subarray(8, 8 + headerLength).toString());
  if (Buffer.byteLength(text) !== headerLength) throw new Error("the edit must keep the header's length");
  bytes.write(text, 8);
  return bytes;
}

function damaged(change: (bytes: Buffer) => Buffer): Buffer {
  return change(Buffer.from(good));
}

const slotsAt = good.length - 4 * header.tokenCount;

test.each([
  ["3 bytes", Buffer.from("BPV"), /Invalid packed vocabulary .*r50k_base\.bpv: 3 bytes is too short for a header/],
  ["another magic", damaged((b) => (b.write("BPV2", 0), b)), /magic is "BPV2", expected "BPV1"/],
  ["a header past the end", damaged((b) => (b.writeUInt32LE(1 << 30, 4), b)), /header length 1073741824 runs past the end \(\d+ bytes\)/],
  ["a cut file", good.subarray(0, good.length - 100), new RegExp(`header says ${good.length} bytes in all, file has ${good.length - 100}`)],
  ["a slot out of range", damaged((b) => (b.writeUInt32LE(0xffffffff, slotsAt + 4 * 1000), b)), /prebuilt hash table does not match its tokens/],
  ["idsAreRanks not a boolean", withHeader((h) => h.replace('"idsAreRanks":true', '"idsAreRanks":"ye"')), /idsAreRanks "ye" is not true or false/],
  // Without the flag the reader expects an ids table of 4 bytes per token, which the file lacks.
  [
    "idsAreRanks dropped",
    withHeader((h) => h.replace('"idsAreRanks":true,', " ".repeat('"idsAreRanks":true,'.length))),
    new RegExp(`header says ${good.length + 4 * header.tokenCount} bytes in all, file has ${good.length}`),
  ],
])("a local file with %s is INVALID_VOCAB", async (_, bytes, message) => {
  init({ vocab: vocabDir(bytes) });
  await expect(getEncoding("r50k_base")).rejects.toMatchObject({ code: "INVALID_VOCAB", message: expect.stringMatching(message) });
});

test("a missing local file is ASSET_LOAD_FAILED naming it", async () => {
  const dir = vocabDir();
  init({ vocab: dir });
  await expect(getEncoding("r50k_base")).rejects.toMatchObject({
    code: "ASSET_LOAD_FAILED",
    message: expect.stringContaining(`Could not read ${new URL("r50k_base.bpv", dir).href}`),
  });
});

test("the packed files leave out the ids table when every id is its rank", () => {
  expect(header.idsAreRanks).toBe(true);
  const p50kHeader = JSON.parse(p50k.subarray(8, 8 + p50k.readUInt32LE(4)).toString());
  expect(p50kHeader.idsAreRanks).toBeUndefined();
  // Header, offsets, blob and slot placement: no ids table of 4 bytes per token.
  const n = header.tokenCount;
  const blobEnd = ((8 + headerLength + 3) & ~3) + 4 * (n + 1) + header.blobBytes;
  expect(good.length).toBe(((blobEnd + 3) & ~3) + 4 * n);
});

test("after those failures good local files load: same ids as tiktoken, and they save the official .tiktoken files", async () => {
  init({ vocab: vocabDir(good, { "p50k_base.bpv": p50k }) });
  const text = "Read straight into the engine's memory: Grüße, 世界, 🫠 and    spaces\n\n";
  // The saved files come from the tables in the engine's memory (the files' bytes were never kept).
  for (const [name, sha256] of [
    ["r50k_base", "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930"],
    ["p50k_base", "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069"],
  ] as const) {
    const enc = await getEncoding(name);
    expect(Array.from(enc.encode(text))).toEqual(Array.from(reference(name).encode(text)));
    expect(createHash("sha256").update(enc.toTiktoken()).digest("hex")).toBe(sha256);
  }
});

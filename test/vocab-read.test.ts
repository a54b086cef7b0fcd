// Loading a packed vocabulary from a local file, which reads its tables straight into the engine's
// memory (src/vocab-read.ts): damaged files are INVALID_VOCAB errors that say what is wrong, a
// missing one is ASSET_LOAD_FAILED, and after each failure another source may be tried (init). One
// process per test file, so the loads here start from nothing.

import { expect, test } from "vitest";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { init, getEncoding } from "bytepair";
import { reference } from "./helpers/reference.js";

const good = readFileSync(new URL("../build/vocab/r50k_base.bpv", import.meta.url));
const headerLength = good.readUInt32LE(4);
const header = JSON.parse(good.subarray(8, 8 + headerLength).toString());

/** A directory holding `bytes` as r50k_base.bpv (or nothing), for init({ vocab }). */
function vocabDir(bytes?: Uint8Array): URL {
  const dir = mkdtempSync(join(tmpdir(), "bytepair-vocab-"));
  if (bytes) writeFileSync(join(dir, "r50k_base.bpv"), bytes);
  return pathToFileURL(`${dir}/`);
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

test("after those failures a good local file loads: same ids as tiktoken, and it saves the official .tiktoken file", async () => {
  init({ vocab: vocabDir(good) });
  const enc = await getEncoding("r50k_base");
  const text = "Read straight into the engine's memory: Grüße, 世界, 🫠 and    spaces\n\n";
  expect(Array.from(enc.encode(text))).toEqual(Array.from(reference("r50k_base").encode(text)));
  // The saved file comes from the tables in the engine's memory (the file's bytes were never kept).
  expect(createHash("sha256").update(enc.toTiktoken()).digest("hex")).toBe("306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930");
});

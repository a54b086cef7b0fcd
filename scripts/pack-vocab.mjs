// Packs the official tiktoken rank files into bytepair's binary vocabulary format (build/vocab/*.bpv).
//
// Source: the `tiktoken` npm package, which ships the ranks of each encoding. Before packing, the
// ranks are written back out as the official `.tiktoken` text and checked against the sha256 digests
// that OpenAI's tiktoken pins, so a changed or corrupted source fails the build.
//
// Format "BPV1" (all integers little-endian u32; documented in docs/formats.md):
//   magic "BPV1" | header length H | header JSON (H bytes, UTF-8) | zero padding to a multiple of 4
//   | ids[n] (output id of the token of rank i; left out when every id is its rank, header.idsAreRanks)
//   | offsets[n + 1] (into the blob) | blob (token bytes by rank) | zero padding to a multiple of 4 | slotOfRank[n]
// slotOfRank is where each token sits in the engine's hash table of header.slots slots, built here by
// the engine itself (build/bytepair.wasm, so build:wasm runs first). Loading then places entries
// instead of hashing 200,000 tokens; header.hashSignature guards against a table from another hash.
// Where each table goes comes from src/vocab/layout.ts, the readers' own layout.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
const OUT = new URL("../build/vocab/", import.meta.url);

/** A module of src/, bundled into one file and imported (this script runs before the host is built). */
async function importSource(path) {
  const { outputFiles } = await build({
    entryPoints: [fileURLToPath(new URL(path, import.meta.url))],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    logLevel: "warning",
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].contents).toString("base64")}`);
}
const { packedSections, readPackedLayout } = await importSource("../src/vocab/layout.ts");

// sha256 of the official .tiktoken files (tiktoken_ext/openai_public.py).
const OFFICIAL = {
  r50k_base: "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930",
  p50k_base: "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069",
  cl100k_base: "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
  o200k_base: "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
};
// Encodings that reuse another's ranks; checked to be identical, not packed twice.
const SHARED = { gpt2: "r50k_base", p50k_edit: "p50k_base" };

// Read as files: the package exports neither its package.json nor its encoder JSON.
const TIKTOKEN = new URL("../node_modules/tiktoken/", import.meta.url);
const tiktokenVersion = JSON.parse(readFileSync(new URL("package.json", TIKTOKEN), "utf8")).version;

/** The tiktoken package's compact rank string -> [base64 token, rank] in rank order. */
function readRanks(name) {
  const json = JSON.parse(readFileSync(new URL(`encoders/${name}.json`, TIKTOKEN), "utf8"));
  const ranks = [];
  for (const line of json.bpe_ranks.split("\n")) {
    if (!line) continue;
    const fields = line.split(" ");
    let rank = Number(fields[1]);
    for (let i = 2; i < fields.length; i++) ranks.push([fields[i], rank++]);
  }
  return ranks;
}

function tiktokenFileDigest(ranks) {
  const text = ranks.map(([b64, rank]) => `${b64} ${rank}\n`).join("");
  return createHash("sha256").update(text).digest("hex");
}

function pack(name, ranks, digest, slots) {
  const tokens = ranks.map(([b64]) => Buffer.from(b64, "base64"));
  ranks.forEach(([, rank], i) => {
    if (i > 0 && rank <= ranks[i - 1][1]) throw new Error(`${name}: ranks not increasing at position ${i}`);
  });
  const blobBytes = tokens.reduce((n, t) => n + t.length, 0);
  // Every id is its rank in all four files but p50k_base, whose ids skip 50256 (a special token).
  const idsAreRanks = ranks.every(([, rank], i) => rank === i);
  const header = Buffer.from(JSON.stringify({
    format: 1,
    name,
    tokenCount: tokens.length,
    blobBytes,
    ...(idsAreRanks ? { idsAreRanks } : {}),
    sha256: digest,
    source: `tiktoken@${tiktokenVersion}`,
    ...(slots ? { slots: slots.capacity, hashSignature: slots.hashSignature } : {}),
  }));
  const n = tokens.length;
  const { ids, offsets, blob, fileBytes, slotOfRank } = packedSections({ headerLength: header.length, tokenCount: n, blobBytes, idsAreRanks, hasSlots: slots !== undefined });
  const buf = Buffer.alloc(fileBytes);
  buf.write("BPV1", 0, "latin1");
  buf.writeUInt32LE(header.length, 4);
  header.copy(buf, 8);
  let at = 0;
  for (let r = 0; r < n; r++) {
    // Merge priority is the position; the id is tiktoken's rank (p50k skips 50256, a special token).
    if (ids) buf.writeUInt32LE(ranks[r][1], ids.at + 4 * r);
    buf.writeUInt32LE(at, offsets.at + 4 * r);
    tokens[r].copy(buf, blob.at + at);
    at += tokens[r].length;
  }
  buf.writeUInt32LE(at, offsets.at + 4 * n);
  if (slots) Buffer.from(slots.slotOfRank.buffer).copy(buf, slotOfRank.at);
  return buf;
}

/** Where the engine's hash table puts each token of a packed vocabulary, as the engine builds it. */
async function buildSlots(name, file) {
  const wasmBytes = readFileSync(new URL("../build/bytepair.wasm", import.meta.url));
  const { instance } = await WebAssembly.instantiate(wasmBytes, {});
  const w = instance.exports;
  const { tokenCount: n, blobBytes, idsAreRanks, sections } = readPackedLayout(file, file.length, name);
  const table = ({ at, bytes }) => file.subarray(at, at + bytes);
  if (idsAreRanks) w.declareIdsAreRanks();
  if (!w.reserveVocab(n, blobBytes)) throw new Error("engine: reserveVocab failed");
  const mem = () => w.memory.buffer;
  if (!idsAreRanks) new Uint8Array(mem(), w.vocabIdsPtr(), 4 * n).set(table(sections.ids));
  new Uint8Array(mem(), w.vocabOffsetsPtr(), 4 * (n + 1)).set(table(sections.offsets));
  new Uint8Array(mem(), w.vocabBlobPtr(), blobBytes).set(table(sections.blob));
  const code = w.buildVocab();
  if (code !== 0) throw new Error(`engine: buildVocab returned ${code}`);
  const cap = w.vocabSlotCount();
  const slots = new Uint32Array(mem(), w.vocabSlotsPtr(), cap * 4);
  const slotOfRank = new Uint32Array(n);
  for (let i = 0; i < cap; i++) if (slots[i * 4 + 3] !== 0) slotOfRank[slots[i * 4 + 2]] = i;
  return { capacity: cap, slotOfRank, hashSignature: w.hashSignature() >>> 0 };
}

mkdirSync(OUT, { recursive: true });
for (const [name, expected] of Object.entries(OFFICIAL)) {
  const ranks = readRanks(name);
  const digest = tiktokenFileDigest(ranks);
  if (digest !== expected) {
    throw new Error(`${name}: ranks from tiktoken@${tiktokenVersion} hash to ${digest}, official is ${expected}`);
  }
  const file = pack(name, ranks, digest, await buildSlots(name, pack(name, ranks, digest)));
  writeFileSync(new URL(`${name}.bpv`, OUT), file);
  console.log(`packed ${name}: ${ranks.length} tokens, ${(file.length / 1e6).toFixed(2)} MB, sha256 ok`);
}
for (const [alias, base] of Object.entries(SHARED)) {
  const digest = tiktokenFileDigest(readRanks(alias));
  if (digest !== OFFICIAL[base]) throw new Error(`${alias}: ranks differ from ${base}'s`);
}

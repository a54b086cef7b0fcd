// Corrupt vocabulary files for the fuzz suite: a small trained vocabulary saved in each format
// (.tiktoken, GPT-2 vocab.json + merges.txt, tokenizer.json), damaged at random (bytes flipped, cut,
// dropped or inserted; lines repeated or swapped; JSON values replaced by the wrong type or a
// colliding value). Loading a damaged file must either work, giving a tokenizer whose encode and
// decode round-trip, or throw a BytepairError naming the problem: never another exception or a hang.
// Shared by scripts/fuzz.mjs and test/fuzz/vocab-fuzz.test.ts; types: test/fuzz/vocab.d.mts.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prng, pick, randomInt } from "./text.mjs";

export const VOCAB_FORMATS = ["tiktoken", "gpt2", "huggingface"];
/** The codes a damaged vocabulary may give. */
export const VOCAB_ERROR_CODES = ["INVALID_VOCAB", "UNSUPPORTED_TOKENIZER"];
const ROUND_TRIP = "Round trip: naïve café, 日本語 12345 👋 \r\n\t the end";
const SLOW_MS = 5000;
const TRAINING_TEXT = [
  "the quick brown fox jumps over the lazy dog; the dog sleeps. ",
  "naïve café, crème brûlée, 日本語のテキスト, 12345 67890 ",
  "<|endoftext|> lorem ipsum dolor sit amet, consectetur adipiscing elit ",
].join("").repeat(20);

const utf8 = new TextEncoder();
const latin1 = new TextDecoder("latin1");

/** The undamaged files, from a vocabulary of 320 trained on fixed text (one per process). */
export async function vocabFiles(bytepair) {
  const { tokenizer } = await bytepair.train(TRAINING_TEXT, { vocabSize: 320, specialTokens: ["<|endoftext|>"] });
  const { vocabJson, mergesTxt } = tokenizer.toGpt2();
  return {
    tiktoken: { "vocab.tiktoken": tokenizer.toTiktoken() },
    gpt2: { "vocab.json": utf8.encode(vocabJson), "merges.txt": utf8.encode(mergesTxt) },
    huggingface: { "tokenizer.json": utf8.encode(JSON.stringify(tokenizer.toHuggingFace())) },
  };
}

const JSON_REPLACEMENTS = [null, true, -1, 1.5, 2 ** 40, "", "x", "Ġ", "a b", [], {}, ["a"], ["a", "b", "c"], { a: 1 }, 0];

/**
 * Replaces, deletes or collides one value somewhere in the parsed JSON. Half the time the value is
 * in a small object or array (settings, an added token, one merge), so the big vocabulary does not
 * take nearly every damage.
 */
function mutateJson(value, random) {
  const nodes = [];
  (function walk(node, parent, key) {
    if (parent) nodes.push({ parent, key, small: Object.keys(parent).length <= 16 });
    if (node && typeof node === "object") for (const k of Object.keys(node)) walk(node[k], node, k);
  })(value, null, null);
  const small = nodes.filter((n) => n.small);
  const { parent, key } = pick(random, small.length && random() < 0.5 ? small : nodes);
  const op = randomInt(random, 4);
  if (op === 0 && !Array.isArray(parent)) delete parent[key];
  else if (op === 1) {
    // A value copied from a sibling: two tokens with one id, a merge repeated, a token's text reused.
    parent[key] = structuredClone(parent[pick(random, Object.keys(parent))]);
  } else parent[key] = structuredClone(pick(random, JSON_REPLACEMENTS));
  return value;
}

/** One random damage to a file's bytes. */
function mutateBytes(bytes, random, isJson) {
  const at = randomInt(random, bytes.length + 1);
  // JSON files: half the damages keep the syntax, so the readers' checks of the shape are reached.
  const op = isJson && random() < 0.5 ? 6 : randomInt(random, 6);
  if (op === 0) {
    const copy = bytes.slice();
    if (copy.length) copy[Math.min(at, copy.length - 1)] = randomInt(random, 256);
    return copy;
  }
  if (op === 1) return bytes.slice(0, at);
  if (op === 2) return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + 1 + randomInt(random, 64))]);
  if (op === 3) {
    const junk = Array.from({ length: 1 + randomInt(random, 8) }, () => pick(random, [0, 0x0a, 0x20, 0x22, 0x80, 0xc3, 0xff, randomInt(random, 256)]));
    return Uint8Array.from([...bytes.subarray(0, at), ...junk, ...bytes.subarray(at)]);
  }
  // Line operations on the text (latin1 keeps every byte as one character).
  const lines = latin1.decode(bytes).split("\n");
  const i = randomInt(random, lines.length);
  const j = randomInt(random, lines.length);
  if (op === 4) lines.splice(i, 0, lines[j]);
  else if (op === 5) [lines[i], lines[j]] = [lines[j], lines[i]];
  else {
    try {
      return utf8.encode(JSON.stringify(mutateJson(JSON.parse(new TextDecoder().decode(bytes)), random)));
    } catch {
      return bytes; // already not JSON: leave it to the other damages
    }
  }
  return Uint8Array.from(lines.join("\n"), (c) => c.charCodeAt(0));
}

/** The files of `format` with one to three random damages, chosen by `seed`. */
export function damagedFiles(files, format, seed) {
  const random = prng(seed);
  const damaged = { ...files[format] };
  const names = Object.keys(damaged);
  for (let k = 1 + randomInt(random, 3); k > 0; k--) {
    const name = pick(random, names);
    damaged[name] = mutateBytes(damaged[name], random, name.endsWith(".json"));
  }
  return damaged;
}

let scratchDir;

function load(bytepair, format, files) {
  const text = (name) => new TextDecoder().decode(files[name]);
  if (format === "tiktoken") return bytepair.Tokenizer.fromTiktoken(files["vocab.tiktoken"], { specialTokens: ["<|endoftext|>"] });
  if (format === "gpt2") return bytepair.Tokenizer.fromGpt2(text("vocab.json"), text("merges.txt"));
  // By path, as a user loads a file (a string argument that is not JSON text would be taken for a path).
  scratchDir ??= mkdtempSync(join(tmpdir(), "bytepair-fuzz-"));
  const path = join(scratchDir, "tokenizer.json");
  writeFileSync(path, files["tokenizer.json"]);
  return bytepair.Tokenizer.fromHuggingFace(path);
}

/**
 * Null when loading the damaged files either worked (and the tokenizer round-trips) or failed with a
 * BytepairError of a vocabulary code; else a message starting "[vocab] ". `outcomes`, if given,
 * counts "loaded" and each error code, and keeps the last message of each code.
 */
export async function checkVocabFiles(bytepair, format, files, outcomes) {
  const started = performance.now();
  let tokenizer;
  try {
    tokenizer = await load(bytepair, format, files);
  } catch (error) {
    if (!(error instanceof bytepair.BytepairError)) return `[vocab] ${format}: not a BytepairError: ${error?.stack ?? error}`;
    if (!VOCAB_ERROR_CODES.includes(error.code)) return `[vocab] ${format}: code ${error.code}: ${error.message}`;
    if (error.message.length < 20) return `[vocab] ${format}: message says too little: ${JSON.stringify(error.message)}`;
    if (outcomes) {
      outcomes[error.code] = (outcomes[error.code] ?? 0) + 1;
      outcomes[`${error.code} (last)`] = error.message.slice(0, 200);
    }
    return performance.now() - started > SLOW_MS ? `[vocab] ${format}: rejecting took ${Math.round(performance.now() - started)} ms` : null;
  }
  try {
    const ids = tokenizer.encodeOrdinary(ROUND_TRIP);
    if (tokenizer.decode(ids) !== ROUND_TRIP) return `[vocab] ${format}: loaded, but decode(encode(text)) is not the text`;
    if (tokenizer.count(ROUND_TRIP, { disallowedSpecial: [] }) !== ids.length) return `[vocab] ${format}: count differs from encode`;
    if (ids.some((id) => id >= tokenizer.vocabSize)) return `[vocab] ${format}: an id is not below vocabSize ${tokenizer.vocabSize}`;
    if (outcomes) outcomes.loaded = (outcomes.loaded ?? 0) + 1;
  } catch (error) {
    return `[vocab] ${format}: loaded, then encoding threw: ${error?.stack ?? error}`;
  }
  return performance.now() - started > SLOW_MS ? `[vocab] ${format}: loading took ${Math.round(performance.now() - started)} ms` : null;
}

/** Files as JSON-safe text (a reproducer) and back. */
export const filesToRecord = (files) => Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v).toString("base64")]));
export const filesFromRecord = (record) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, "base64"))]));

// The checks of the fuzz suite, shared by scripts/fuzz.mjs and test/fuzz/text-fuzz.test.ts. Each check returns
// null when bytepair agrees with tiktoken (or with itself, for training) and otherwise a message that
// starts with the name of the failing check, "[check] ...", so that shrinking can keep the same failure.
// Text and id checks run on both engines, the wasm one and its pure-JS twin, each against tiktoken;
// a failure of the JS engine is labelled "[js-check]".
// Types: test/fuzz/checks.d.mts.

import { readFileSync } from "node:fs";
import { randomChunks } from "./text.mjs";

export const ENCODINGS = ["r50k_base", "p50k_base", "cl100k_base", "o200k_base"];
export const SAMPLE = "Still works: naïve café, 日本語, 12345 👋 <|endoftext|>";

const hex = (bytes) => Buffer.from(bytes).toString("hex");
const show = (value) => {
  const s = JSON.stringify(value);
  return s.length > 300 ? s.slice(0, 300) + "…" : s;
};
const sameIds = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const wellFormed = (text) => text.toWellFormed();
const utf8Decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** Token ids that tiktoken's ranks (node_modules/tiktoken/encoders/NAME.json) and special tokens have. */
function validIds(name, vocabSize) {
  const json = JSON.parse(readFileSync(new URL(`../../node_modules/tiktoken/encoders/${name}.json`, import.meta.url), "utf8"));
  const valid = new Uint8Array(vocabSize);
  for (const line of json.bpe_ranks.split("\n")) {
    const fields = line.split(" ");
    if (fields.length < 3) continue;
    const first = Number(fields[1]);
    for (let i = 0; i < fields.length - 2; i++) valid[first + i] = 1;
  }
  for (const id of Object.values(json.special_tokens)) valid[id] = 1;
  return valid;
}

/**
 * Loads the four rank sets in both libraries.
 * @param {typeof import("../build/index.js")} bytepair
 * @param {typeof import("tiktoken")} tiktoken
 */
export async function createContext(bytepair, tiktoken) {
  const encodings = new Map();
  for (const name of ENCODINGS) {
    const ours = await bytepair.getEncoding(name);
    const js = await bytepair.getEncoding(name, { engine: "js" });
    encodings.set(name, { name, ours, js, ref: tiktoken.get_encoding(name), valid: validIds(name, ours.vocabSize), specials: [...ours.specialTokens.keys()] });
  }
  return { bytepair, tiktoken, encodings };
}

/** Runs f; returns { value } or { error }. */
function attempt(f) {
  try {
    return { value: f() };
  } catch (error) {
    return { error };
  }
}

function isBytepairError(ctx, error, code) {
  return error instanceof ctx.bytepair.BytepairError && error.code === code;
}

const describeError = (error) => (error && error.code ? `${error.name} ${error.code}: ${error.message}` : String(error && error.stack ? error.stack.split("\n").slice(0, 3).join(" | ") : error));

/** The leftmost special token in text (the longest at that offset), as the default encode must report it. */
function firstSpecial(specials, text) {
  let best = null;
  for (const token of specials) {
    const at = text.indexOf(token);
    if (at < 0) continue;
    if (!best || at < best.offset || (at === best.offset && token.length > best.token.length)) best = { token, offset: at };
  }
  return best;
}

/**
 * Text checks for one encoding on both engines: encode with allowedSpecial "all", encodeOrdinary,
 * count, decode round trip, and the default encode's DISALLOWED_SPECIAL_TOKEN error, all against tiktoken.
 * @returns {string | null}
 */
export function checkText(ctx, name, text) {
  const { ours, js, ref } = ctx.encodings.get(name);
  const theirs = {
    all: ref.encode(text, "all"),
    ordinary: ref.encode_ordinary(text),
    default: attempt(() => ref.encode(text)),
  };
  return checkTextOn(ctx, name, text, ours, "", theirs) ?? checkTextOn(ctx, name, text, js, "js-", theirs);
}

/** checkText on one engine's tokenizer; `prefix` goes before the check names. */
function checkTextOn(ctx, name, text, ours, prefix, theirs) {
  const { specials } = ctx.encodings.get(name);
  const fail = (message) => `[${prefix}${message.slice(1)}`;

  const all = attempt(() => ours.encode(text, { allowedSpecial: "all" }));
  if (all.error) return fail(`[encode-all-threw] ${name}: ${describeError(all.error)}`);
  const theirsAll = theirs.all;
  if (!sameIds(all.value, theirsAll)) return fail(`[encode-all] ${name}: ours ${show(Array.from(all.value))}, tiktoken ${show(Array.from(theirsAll))}`);

  const ordinary = attempt(() => ours.encodeOrdinary(text));
  if (ordinary.error) return fail(`[encode-ordinary-threw] ${name}: ${describeError(ordinary.error)}`);
  const theirsOrdinary = theirs.ordinary;
  if (!sameIds(ordinary.value, theirsOrdinary)) return fail(`[encode-ordinary] ${name}: ours ${show(Array.from(ordinary.value))}, tiktoken ${show(Array.from(theirsOrdinary))}`);

  const count = attempt(() => ours.count(text, { allowedSpecial: "all" }));
  if (count.error || count.value !== all.value.length) return fail(`[count] ${name}: count ${count.error ? describeError(count.error) : count.value}, encode length ${all.value.length}`);
  const countOrdinary = attempt(() => ours.count(text, { disallowedSpecial: [] }));
  if (countOrdinary.error || countOrdinary.value !== ordinary.value.length) return fail(`[count-ordinary] ${name}: count ${countOrdinary.error ? describeError(countOrdinary.error) : countOrdinary.value}, encodeOrdinary length ${ordinary.value.length}`);

  const expectedText = wellFormed(text);
  for (const [label, ids] of [["all", all.value], ["ordinary", ordinary.value]]) {
    const decoded = attempt(() => ours.decode(ids));
    if (decoded.error) return fail(`[decode-threw] ${name} (${label}): ${describeError(decoded.error)}`);
    if (decoded.value !== expectedText) return fail(`[round-trip] ${name} (${label}): decode gives ${show(decoded.value)}`);
  }

  // The default: special tokens are an error exactly when tiktoken says so.
  const theirsDefault = theirs.default;
  const oursDefault = attempt(() => ours.encode(text));
  const oursCount = attempt(() => ours.count(text));
  if (theirsDefault.error) {
    const expected = firstSpecial(specials, text);
    for (const [label, result] of [["encode", oursDefault], ["count", oursCount]]) {
      if (!result.error) return fail(`[default-${label}] ${name}: tiktoken throws (${theirsDefault.error}), ours gives ${show(result.value)}`);
      const e = result.error;
      if (!isBytepairError(ctx, e, "DISALLOWED_SPECIAL_TOKEN")) return fail(`[default-${label}] ${name}: ours throws ${describeError(e)}, expected DISALLOWED_SPECIAL_TOKEN`);
      if (!expected || e.token !== expected.token || e.offset !== expected.offset) return fail(`[default-${label}-where] ${name}: ours reports ${show(e.token)} at ${e.offset}, expected ${show(expected)}`);
    }
  } else {
    if (oursDefault.error) return fail(`[default-encode] ${name}: tiktoken encodes, ours throws ${describeError(oursDefault.error)}`);
    if (!sameIds(oursDefault.value, theirsDefault.value)) return fail(`[default-encode] ${name}: ours ${show(Array.from(oursDefault.value))}, tiktoken ${show(Array.from(theirsDefault.value))}`);
    if (oursCount.error || oursCount.value !== oursDefault.value.length) return fail(`[default-count] ${name}: ${oursCount.error ? describeError(oursCount.error) : oursCount.value} vs ${oursDefault.value.length}`);
  }
  return null;
}

/** The tokenizer still encodes and decodes SAMPLE as tiktoken does (on both engines). */
export function checkStillWorks(ctx, name) {
  const { ours, js } = ctx.encodings.get(name);
  return stillWorksOn(ctx, name, ours) ?? stillWorksOn(ctx, name, js);
}

function stillWorksOn(ctx, name, ours) {
  const { ref } = ctx.encodings.get(name);
  name = `${name} (${ours.engineKind} engine)`;
  const ids = attempt(() => ours.encode(SAMPLE, { allowedSpecial: "all" }));
  if (ids.error) return `[still-works] ${name}: ${describeError(ids.error)}`;
  if (!sameIds(ids.value, ref.encode(SAMPLE, "all"))) return `[still-works] ${name}: ids ${show(Array.from(ids.value))}`;
  const text = attempt(() => ours.decode(ids.value));
  if (text.error || text.value !== SAMPLE) return `[still-works] ${name}: decode ${text.error ? describeError(text.error) : show(text.value)}`;
  return null;
}

/**
 * Decode checks: ids that tiktoken has decode to tiktoken's bytes (and decode to their UTF-8 text,
 * U+FFFD for what is not UTF-8); otherwise INVALID_TOKEN_ID naming the first bad id's index. Then
 * the tokenizer still works.
 * @param {number[]} ids
 * @returns {string | null}
 */
export function checkIds(ctx, name, ids) {
  const { ours, js } = ctx.encodings.get(name);
  return checkIdsOn(ctx, name, ids, ours, "") ?? checkIdsOn(ctx, name, ids, js, "js-");
}

/** checkIds on one engine's tokenizer; `prefix` goes before the check names. */
function checkIdsOn(ctx, name, ids, ours, prefix) {
  const { ref, valid } = ctx.encodings.get(name);
  const fail = (message) => `[${prefix}${message.slice(1)}`;
  const firstBad = ids.findIndex((id) => isInvalid(valid, id));
  // A Uint32Array would wrap negative and fractional ids, so it is tried only with valid ones.
  for (const [label, input] of [["array", ids], ["Uint32Array", firstBad < 0 ? Uint32Array.from(ids) : null]]) {
    if (!input) continue;
    const bytes = attempt(() => ours.decodeBytes(input));
    const text = attempt(() => ours.decode(input));
    if (firstBad >= 0) {
      for (const [what, result] of [["decodeBytes", bytes], ["decode", text]]) {
        if (!result.error) return fail(`[decode-invalid] ${name} ${what}(${label}): id ${ids[firstBad]} at index ${firstBad} accepted`);
        if (!isBytepairError(ctx, result.error, "INVALID_TOKEN_ID")) return fail(`[decode-invalid] ${name} ${what}(${label}): ${describeError(result.error)}`);
        // The error names the first invalid id and its index (test/fuzz/cases/decode-90.json: a gap in
        // the id space before an out-of-range id once reported the later one).
        const at = result.error.index;
        if (at !== firstBad || !Object.is(result.error.id, ids[at])) {
          return fail(`[decode-invalid] ${name} ${what}(${label}): error names id ${result.error.id} at index ${at}; the first invalid id is ${ids[firstBad]} at ${firstBad}`);
        }
      }
    } else {
      if (bytes.error) return fail(`[decode-bytes-threw] ${name} (${label}): ${describeError(bytes.error)}`);
      const theirs = ref.decode(Uint32Array.from(ids));
      if (hex(bytes.value) !== hex(theirs)) return fail(`[decode-bytes] ${name} (${label}): ours ${hex(bytes.value).slice(0, 200)}, tiktoken ${hex(theirs).slice(0, 200)}`);
      if (text.error) return fail(`[decode-threw] ${name} (${label}): ${describeError(text.error)}`);
      const expected = utf8Decoder.decode(theirs);
      if (text.value !== expected) return fail(`[decode-text] ${name} (${label}): ours ${show(text.value)}, expected ${show(expected)}`);
    }
  }
  const broken = stillWorksOn(ctx, name, ours);
  return broken && fail(broken);
}

/** An id that tiktoken does not have: not an integer, out of range, or a gap in the id space. */
export const isInvalid = (valid, id) => !(Number.isInteger(id) && id >= 0 && id < valid.length && valid[id] === 1);

/** Null when two merge lists are the same; else the first difference. */
function mergeDifference(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (hex(a[i][0]) !== hex(b[i][0]) || hex(a[i][1]) !== hex(b[i][1])) {
      return `merge ${i}: ${show(Buffer.from(a[i][0]).toString())} + ${show(Buffer.from(a[i][1]).toString())} vs ${show(Buffer.from(b[i][0]).toString())} + ${show(Buffer.from(b[i][1]).toString())}`;
    }
  }
  return a.length === b.length ? null : `${a.length} merges vs ${b.length}`;
}

/**
 * Training checks: train(text) with workers 0 gives the same merges as the same text in random chunks
 * and (when `workers`) as two worker threads; the vocabulary holds together; the trained tokenizer
 * round-trips the text.
 * @param {{ text: string, specialTokens: string[], vocabSize: number, pattern: string }} corpus
 * @param {number} seed chunking seed
 * @param {boolean} workers also train with two worker threads
 * @returns {Promise<string | null>}
 */
export async function checkTraining(ctx, corpus, seed, workers) {
  const { train } = ctx.bytepair;
  const { text, specialTokens, vocabSize, pattern } = corpus;
  const options = { vocabSize, specialTokens, pattern, workers: 0 };
  let base;
  try {
    base = await train(text, options);
  } catch (e) {
    return `[train-threw] ${describeError(e)}`;
  }
  const k = specialTokens.length;
  const { vocab, merges } = base;
  if (merges.length > vocabSize - k - 256) return `[train-invariants] ${merges.length} merges for vocabSize ${vocabSize}`;
  if (vocab.size !== k + 256 + merges.length) return `[train-invariants] vocab has ${vocab.size} entries, expected ${k + 256 + merges.length}`;
  for (let i = 0; i < k; i++) {
    if (base.specialTokens.get(specialTokens[i]) !== i || Buffer.from(vocab.get(i)).toString() !== specialTokens[i]) return `[train-invariants] special token ${show(specialTokens[i])} is not id ${i}`;
  }
  for (let b = 0; b < 256; b++) {
    const token = vocab.get(k + b);
    if (!token || token.length !== 1 || token[0] !== b) return `[train-invariants] id ${k + b} is not the byte ${b}`;
  }
  for (let i = 0; i < merges.length; i++) {
    const [left, right] = merges[i];
    const token = vocab.get(k + 256 + i);
    if (!token || hex(token) !== hex(left) + hex(right)) return `[train-invariants] merge ${i} is not the vocabulary entry ${k + 256 + i}`;
  }
  const round = attempt(() => base.tokenizer.decode(base.tokenizer.encode(text, { allowedSpecial: "all" })));
  if (round.error) return `[train-tokenizer] ${describeError(round.error)}`;
  if (round.value !== wellFormed(text)) return `[train-tokenizer] round trip gives ${show(round.value)}`;

  const variants = [["chunks", () => train(randomChunks(text, seed, 1 + (seed % 97)), options)]];
  if (workers) variants.push(["workers-2", () => train(text, { ...options, workers: 2 })]);
  for (const [label, run] of variants) {
    let other;
    try {
      other = await run();
    } catch (e) {
      return `[train-${label}-threw] ${describeError(e)}`;
    }
    const difference = mergeDifference(other.merges, merges);
    if (difference) return `[train-${label}] ${difference}`;
  }
  return null;
}

/** The "[check]" label of a failure message. */
export const failureLabel = (message) => (message ? message.slice(0, message.indexOf("]") + 1) : null);

/**
 * Deletes chunks of `items`, then single items, while `fails` still holds, with at most `budget`
 * calls of `fails` and `milliseconds` of time. Returns the smallest failing list found.
 * @template T
 * @param {T[]} items
 * @param {(items: T[]) => boolean | Promise<boolean>} fails
 */
export async function shrink(items, fails, budget = 3000, milliseconds = 60_000) {
  const deadline = Date.now() + milliseconds;
  let calls = 0;
  let current = items;
  for (let size = Math.max(1, current.length >> 1); size >= 1; size = size === 1 ? 0 : Math.max(1, size >> 1)) {
    for (let i = 0; i < current.length; ) {
      if (calls >= budget || Date.now() > deadline) return current;
      const candidate = current.slice(0, i).concat(current.slice(i + size));
      calls++;
      if (await fails(candidate)) current = candidate;
      else i += size;
    }
  }
  return current;
}

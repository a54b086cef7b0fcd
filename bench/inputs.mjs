// The peers benchmark's inputs: a sample of the project corpus (build/corpus/) as files and as 1-4 KB
// documents, and the worst-case inputs. Deterministic: the same flags give the same texts.

import { readFileSync, existsSync } from "node:fs";

const corpusDir = new URL("../build/corpus/", import.meta.url);

/** xorshift32: the same pseudo-random bytes on every run. */
export function prng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    return x >>> 0;
  };
}

/** The first `maxBytes` of `text` (0: all of it), cut after a line break and never inside a character. */
function prefix(text, maxBytes) {
  const bytes = Buffer.from(text, "utf8");
  if (!maxBytes || bytes.length <= maxBytes) return text;
  let cut = bytes.lastIndexOf(10, maxBytes - 1) + 1;
  if (cut <= maxBytes / 2) for (cut = maxBytes; (bytes[cut] & 0xc0) === 0x80; cut--);
  return bytes.subarray(0, cut).toString("utf8");
}

/** `text` cut into documents of 1-4 KB of UTF-8: each ends after the last line break (else space) before
 * a random target size, or at a character boundary when there is neither in its second half. */
export function documents(text, seed = 1) {
  const bytes = Buffer.from(text, "utf8");
  const next = prng(seed);
  const docs = [];
  for (let start = 0; start < bytes.length; ) {
    const target = 1024 + (next() % 3073);
    let end = Math.min(start + target, bytes.length);
    if (end < bytes.length) {
      const window = bytes.subarray(start + (target >> 1), end);
      const nl = window.lastIndexOf(10), sp = window.lastIndexOf(32);
      if (nl >= 0) end = start + (target >> 1) + nl + 1;
      else if (sp >= 0) end = start + (target >> 1) + sp + 1;
      else while ((bytes[end] & 0xc0) === 0x80) end--;
    }
    docs.push(bytes.subarray(start, end).toString("utf8"));
    start = end;
  }
  return docs;
}

/** Each corpus's text (its first `kbPerCorpus` KB; 0: whole) and those texts cut into documents. */
export function corpusSample(kbPerCorpus) {
  const manifestUrl = new URL("manifest.json", corpusDir);
  if (!existsSync(manifestUrl)) throw new Error("build/corpus/ is missing: run `npm run build:corpus` first");
  const { corpora } = JSON.parse(readFileSync(manifestUrl, "utf8"));
  return corpora.map(({ name }, i) => {
    const text = prefix(readFileSync(new URL(`${name}.txt`, corpusDir), "utf8"), kbPerCorpus * 1024);
    return { corpus: name, text, bytes: Buffer.byteLength(text), docs: documents(text, i + 1) };
  });
}

/** `bytes` characters of base64 of fixed pseudo-random bytes. */
export function base64(bytes) {
  const next = prng(2463534242);
  const raw = new Uint8Array(Math.ceil((bytes * 3) / 4));
  for (let i = 0; i < raw.length; i++) raw[i] = next() & 255;
  return Buffer.from(raw).toString("base64").slice(0, bytes);
}

function digits(bytes) {
  const next = prng(12345);
  let s = "";
  while (s.length < bytes) s += String(next() % 1e9).padStart(9, "0");
  return s.slice(0, bytes);
}

/** Worst-case inputs of about `bytes` bytes of UTF-8: one long piece or run for every pre-tokenizer. */
export const WORST_CASES = {
  'repeated "a"': (bytes) => "a".repeat(bytes),
  "random base64": base64,
  "random digits": digits,
  "one CJK char": (bytes) => "中".repeat(Math.round(bytes / 3)),
  "spaces": (bytes) => " ".repeat(bytes),
};

/**
 * Documents the tuning never used: for run `run`, each corpus's bytes from `skipKb` KB on (past the
 * peers sample) in slices of `takeKb` KB, slice number `run`, cut into 1-4 KB documents. Each run of the
 * novel-text benchmark gets a slice of its own, so no run sees text an earlier one saw.
 */
export function heldOutSample(skipKb, takeKb, run) {
  const { corpora } = JSON.parse(readFileSync(new URL("manifest.json", corpusDir), "utf8"));
  return corpora.map(({ name }, i) => {
    const bytes = readFileSync(new URL(`${name}.txt`, corpusDir));
    let start = skipKb * 1024 + run * takeKb * 1024;
    if (start >= bytes.length) start = skipKb * 1024; // a small corpus: its only slice again
    const from = bytes.indexOf(10, start) + 1 || start;
    const text = prefix(bytes.subarray(from).toString("utf8"), takeKb * 1024);
    return { corpus: name, text, bytes: Buffer.byteLength(text), docs: documents(text, 1000 + i) };
  });
}

/**
 * `count` distinct short messages of 20-60 bytes (40 on average) for run `run`: the held-out English and
 * e-mail text cut at spaces, each message once.
 */
export function shortMessages(count, run) {
  const source = ["nlp", "brown", "spam"].map((name) => readFileSync(new URL(`${name}.txt`, corpusDir), "utf8").slice(600_000)).join("\n");
  const next = prng(77 + run);
  const seen = new Set();
  const out = [];
  let at = (run * 7919 * 64) % Math.max(1, source.length - 1_000_000);
  while (out.length < count && at < source.length) {
    const want = 25 + (next() % 36);
    let end = source.indexOf(" ", at + want - 8);
    if (end < 0 || end - at > 60) end = at + want;
    const m = source.slice(at, end);
    at = end;
    if (Buffer.byteLength(m) <= 64 && !seen.has(m)) { seen.add(m); out.push(m); }
  }
  return out;
}

/** Text that shares few pieces with any corpus (pseudo-random letters, digits and marks), for warming up a JIT without warming a cache. */
export function unrelatedText(bytes) {
  const next = prng(424242);
  const letters = "qxzjkvwbpfQXZJKVWBPF";
  let s = "";
  while (s.length < bytes) {
    const n = 2 + (next() % 6);
    let w = " ";
    for (let i = 0; i < n; i++) w += letters[next() % letters.length];
    s += w + (next() % 11 === 0 ? `${next() % 1000}.\n` : "");
  }
  return s;
}

/**
 * The JIT warm-up of the novel-text runs, before any timed text: 64 KB of unrelatedText in 2 KB parts,
 * five times over, so that the code is compiled but the caches hold nothing of the corpora.
 */
export function* warmUpTexts() {
  const parts = unrelatedText(64 * 1024).match(/[^]{1,2048}/g);
  for (let i = 0; i < 5; i++) yield* parts;
}

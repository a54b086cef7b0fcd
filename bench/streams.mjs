// Streams stay linear: countStream over 4 KB chunks against count of the whole text, for texts with
// few or no places to cut (base64, CJK prose, one word per line, minified code, one long run), and
// `bytepair encode-file` on base64 against the same text's count.
//
//   npm run bench:streams [-- --mb 8 --file-mb 64]

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getEncoding } from "../build/index.js";
import { prng, randomInt } from "../test/fuzz/text.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const size = option("mb", 8) * 1e6;
const fileSize = option("file-mb", 64) * 1e6;

const random = prng(5);
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const base64 = (n) => Array.from({ length: n }, () => ALPHABET[randomInt(random, 64)]).join("");
const repeatTo = (unit, n) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const TEXTS = {
  "base64, one line": base64(size),
  "CJK prose, no spaces": repeatTo("日本語の文章は空白なしで続きます。漢字と仮名が混ざる。", size / 3),
  "one word per line": repeatTo("word\nanother\nthird\n", size),
  "minified code": repeatTo('function f(a,b){return a+b};var x=f(1,2);if(x>2){console.log("x")}', size),
  "one run, no place to cut": "x".repeat(size),
};

const enc = await getEncoding("o200k_base");
const time = (f) => {
  const t = performance.now();
  const result = f();
  return [result, performance.now() - t];
};
const timeAsync = async (f) => {
  const t = performance.now();
  const result = await f();
  return [result, performance.now() - t];
};

console.log(`o200k_base, ${size / 1e6} MB each, streams in 4 KB chunks\n`);
console.log("| text | count ms | countStream ms | stream / count |");
console.log("|---|---:|---:|---:|");
for (const [kind, text] of Object.entries(TEXTS)) {
  const chunks = [];
  for (let i = 0; i < text.length; i += 4096) chunks.push(text.slice(i, i + 4096));
  const [whole, countMs] = time(() => enc.count(text));
  const [streamed, streamMs] = await timeAsync(() => enc.countStream(chunks));
  if (streamed !== whole) throw new Error(`${kind}: the stream counted ${streamed}, the whole text ${whole}`);
  console.log(`| ${kind} | ${countMs.toFixed(0)} | ${streamMs.toFixed(0)} | ${(streamMs / countMs).toFixed(2)}x |`);
}

const dir = mkdtempSync(join(tmpdir(), "bytepair-streams-"));
try {
  const input = join(dir, "base64.txt");
  const text = base64(fileSize);
  writeFileSync(input, text);
  const [whole, countMs] = time(() => enc.count(text));
  const cli = fileURLToPath(new URL("../build/cli.js", import.meta.url));
  const [, fileMs] = time(() => execFileSync(process.execPath, [cli, "encode-file", input, "-o", join(dir, "out.npy"), "--workers", "0"], { stdio: "pipe" }));
  console.log(`\nencode-file, ${fileSize / 1e6} MB of base64 on one line, 0 workers: ${(fileMs / 1000).toFixed(1)} s ` +
    `(count of the same text in one call: ${(countMs / 1000).toFixed(1)} s, ${whole} tokens; ratio ${(fileMs / countMs).toFixed(2)}x)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

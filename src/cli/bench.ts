// `bytepair bench [FILE]`: our two engines (WebAssembly, and pure JavaScript when this build has it)
// on the user's own text: encode, count and decode MB/s (median of a few runs, after a warm-up), the
// ratio js / wasm, and whether both gave the same ids. The peers comparison is `npm run bench`.

import { getEncoding } from "../api.js";
import type { Tokenizer } from "../tokenizer/tokenizer.js";
import type { EncodingName } from "../encodings/registry.js";
import { cliArgs } from "./args.js";
import { checkInputFile } from "./paths.js";
import { readText } from "./utf8.js";

export const BENCH_USAGE = `  bytepair bench [FILE] [--encoding NAME] [--runs N] [--json]`;

interface BenchArgs {
  file?: string;
  encoding: string;
  runs: number;
  json: boolean;
}

interface EngineFigures {
  encodeMBps: number;
  countMBps: number;
  decodeMBps: number;
  tokens: number;
}

function parse(argv: string[], fail: (m: string) => never): BenchArgs {
  const args: BenchArgs = { encoding: "o200k_base", runs: 5, json: false };
  for (const { arg: a, flag, value } of cliArgs(argv, fail)) {
    if (flag === "--encoding" || flag === "-e") args.encoding = value();
    else if (flag === "--runs") {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 1000) fail(`--runs must be a whole number from 1 to 1000, got ${JSON.stringify(v)}`);
      args.runs = Number(v);
    } else if (flag === "--json") args.json = true;
    else if (a.startsWith("-")) fail(`unknown option ${a}`);
    else if (args.file === undefined) args.file = a;
    else fail(`one input file only (got ${JSON.stringify(args.file)} and ${JSON.stringify(a)})`);
  }
  return args;
}

/** About 1 MB of mixed text (prose, code, numbers, several scripts, emoji), varied line by line so
 * that it is not one paragraph's tokens over and over. */
export function sampleText(bytes = 1_000_000): string {
  const lines = [
    "The quick brown fox jumps over the lazy dog; it's 3:45 pm and we've walked 12.5 km.",
    "function tokenize(text: string): number[] { return encoder.encode(text).filter((id) => id >= 0); }",
    "Die Würde des Menschen ist unantastbar. Sie zu achten und zu schützen ist Verpflichtung.",
    "Все люди рождаются свободными и равными в своем достоинстве и правах.",
    "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心。",
    "يولد جميع الناس أحراراً متساوين في الكرامة والحقوق.",
    "const config = { retries: 3, timeoutMs: 2500, urls: ['https://example.com/a?b=1&c=2'] };",
    "Emoji 👋🏽 and symbols ∑ ≠ ∞, café naïve résumé; total = $1,234.56 (+7.8%)",
  ];
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `${i} ${lines[i % lines.length]} #${(i * 2654435761) % 100003}\n`;
    out.push(line);
    size += Buffer.byteLength(line);
  }
  return out.join("");
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** MB/s of `fn` over `bytes` of text: one warm-up call, then the median of `runs` calls. */
function throughput(fn: () => unknown, bytes: number, runs: number): number {
  fn();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return bytes / 1e6 / (Math.max(median(times), 1e-3) / 1000);
}

function measure(tokenizer: Tokenizer, text: string, bytes: number, runs: number): { figures: EngineFigures; ids: Uint32Array } {
  const ids = tokenizer.encodeOrdinary(text);
  return {
    ids,
    figures: {
      encodeMBps: throughput(() => tokenizer.encodeOrdinary(text), bytes, runs),
      countMBps: throughput(() => tokenizer.count(text, { disallowedSpecial: [] }), bytes, runs),
      decodeMBps: throughput(() => tokenizer.decode(ids), bytes, runs),
      tokens: ids.length,
    },
  };
}

function firstDifference(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

export async function benchCommand(argv: string[], fail: (m: string) => never): Promise<void> {
  const args = parse(argv, fail);
  const text = args.file === undefined ? sampleText() : readText(checkInputFile(args.file).path);
  const bytes = Buffer.byteLength(text);
  const wasm = await getEncoding(args.encoding as EncodingName);
  const ours = measure(wasm, text, bytes, args.runs);
  const theirs = measure(await getEncoding(args.encoding as EncodingName, { engine: "js" }), text, bytes, args.runs);
  const difference = firstDifference(ours.ids, theirs.ids);
  const report = {
    input: args.file ?? "built-in sample",
    bytes,
    encoding: args.encoding,
    runs: args.runs,
    wasm: ours.figures,
    js: theirs.figures,
    ratio: {
      encode: theirs.figures.encodeMBps / ours.figures.encodeMBps,
      count: theirs.figures.countMBps / ours.figures.countMBps,
      decode: theirs.figures.decodeMBps / ours.figures.decodeMBps,
    },
    idsEqual: difference < 0,
  };
  if (difference >= 0) process.exitCode = 1; // the engines disagree: that is a bug, not a figure

  if (args.json) {
    process.stdout.write(JSON.stringify(report, null, 2) + "\n");
    return;
  }
  const f = (x: number) => x.toFixed(1).padStart(12);
  const lines = [
    `${report.input}: ${(bytes / 1e6).toFixed(2)} MB, ${args.encoding}, median of ${args.runs} runs`,
    `engine       encode MB/s   count MB/s  decode MB/s`,
    `wasm    ${f(ours.figures.encodeMBps)} ${f(ours.figures.countMBps)} ${f(ours.figures.decodeMBps)}`,
    `js      ${f(theirs.figures.encodeMBps)} ${f(theirs.figures.countMBps)} ${f(theirs.figures.decodeMBps)}`,
    `js/wasm ${[report.ratio.encode, report.ratio.count, report.ratio.decode].map((r) => `${r.toFixed(2)}x`.padStart(12)).join(" ")}`,
    difference < 0 ? `ids: equal (${ours.ids.length} tokens)` : `ids: DIFFER at index ${difference} (wasm ${ours.ids[difference]}, js ${theirs.ids[difference]})`,
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

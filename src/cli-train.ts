// `bytepair train FILE`: learn a vocabulary from a text file, with a progress bar on stderr and a
// summary at the end; writes the tokenizer in the formats asked for.

import { mkdirSync, writeFileSync, statSync, createReadStream } from "node:fs";
import { join } from "node:path";
import { train, type TrainProgress, type Tokenizer } from "./index.js";
import { ProgressLine } from "./cli-progress.js";
import { cliArgs } from "./cli-args.js";

export const TRAIN_USAGE = `  bytepair train FILE --vocab-size N [--special TOKEN]... [--pattern gpt2|cl100k|o200k]
                      [--out DIR] [--format gpt2|tiktoken|hf]...`;

const FORMATS = ["gpt2", "tiktoken", "hf"] as const;
type Format = (typeof FORMATS)[number];

interface TrainArgs {
  file?: string;
  vocabSize?: number;
  specials: string[];
  pattern: "gpt2" | "cl100k" | "o200k";
  out: string;
  formats: Format[];
}

function parse(argv: string[], fail: (m: string) => never): TrainArgs {
  const args: TrainArgs = { specials: [], pattern: "gpt2", out: ".", formats: [] };
  for (const { arg: a, flag, value } of cliArgs(argv, fail)) {
    if (flag === "--vocab-size") {
      const v = value();
      if (!/^\d+$/.test(v)) fail(`--vocab-size must be a whole number, got ${JSON.stringify(v)}`);
      args.vocabSize = Number(v);
    } else if (flag === "--special") args.specials.push(value());
    else if (flag === "--pattern") {
      const v = value();
      if (v !== "gpt2" && v !== "cl100k" && v !== "o200k") fail(`--pattern must be gpt2, cl100k or o200k, got ${JSON.stringify(v)}`);
      args.pattern = v;
    } else if (flag === "--out" || flag === "-o") args.out = value();
    else if (flag === "--format") {
      const v = value() as Format;
      if (!FORMATS.includes(v)) fail(`--format must be one of ${FORMATS.join(", ")}, got ${JSON.stringify(v)}`);
      args.formats.push(v);
    } else if (a.startsWith("-")) fail(`unknown option ${a}`);
    else if (args.file === undefined) args.file = a;
    else fail(`one training file only (got ${JSON.stringify(args.file)} and ${JSON.stringify(a)})`);
  }
  if (args.file === undefined) fail("train needs a text file");
  if (args.vocabSize === undefined) fail("train needs --vocab-size");
  if (args.formats.length === 0) args.formats = [...FORMATS];
  return args;
}

function progressPrinter(totalBytes: number, line: ProgressLine) {
  const start = performance.now();
  return (p: TrainProgress) => {
    const seconds = (performance.now() - start) / 1000;
    if (p.phase === "count") {
      const rate = p.bytes / 1e6 / Math.max(seconds, 1e-3);
      line.show("count", p.bytes / Math.max(1, totalBytes), `pre-tokenizing ${(p.bytes / 1e6).toFixed(1)}/${(totalBytes / 1e6).toFixed(1)} MB, ${rate.toFixed(1)} MB/s`);
    } else {
      line.show("merge", p.merges / Math.max(1, p.targetMerges), `merges ${p.merges}/${p.targetMerges}`);
    }
  };
}

/** Tokens of the whole file, read as a stream (special tokens count as one token each). */
async function countTokens(tokenizer: Tokenizer, file: string): Promise<number> {
  return tokenizer.countStream(createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 22 }), { allowedSpecial: "all" });
}

export async function trainCommand(argv: string[], fail: (m: string) => never): Promise<void> {
  const args = parse(argv, fail);
  const file = args.file!;
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    fail(`cannot read ${file}: ${(e as Error).message}`);
  }
  const started = performance.now();
  const line = new ProgressLine();
  const result = await train({ file }, {
    vocabSize: args.vocabSize!,
    specialTokens: args.specials,
    pattern: args.pattern,
    onProgress: progressPrinter(size, line),
  });
  const trainSeconds = (performance.now() - started) / 1000;
  line.end();

  mkdirSync(args.out, { recursive: true });
  const written: string[] = [];
  const save = (name: string, data: string | Uint8Array) => {
    writeFileSync(join(args.out, name), data);
    written.push(join(args.out, name));
  };
  const { tokenizer } = result;
  if (args.formats.includes("gpt2")) {
    const { vocabJson, mergesTxt } = tokenizer.toGpt2();
    save("vocab.json", vocabJson);
    save("merges.txt", mergesTxt);
  }
  if (args.formats.includes("tiktoken")) save("vocab.tiktoken", tokenizer.toTiktoken());
  if (args.formats.includes("hf")) save("tokenizer.json", JSON.stringify(tokenizer.toHuggingFace(), null, 2));

  const tokens = await countTokens(tokenizer, file);
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stderr.write(
    [
      `trained ${result.vocab.size} tokens (${result.merges.length} merges${result.vocab.size < args.vocabSize! ? ", no more pairs to merge" : ""}) in ${trainSeconds.toFixed(2)} s`,
      `text: ${(result.stats.bytes / 1e6).toFixed(2)} MB, ${result.stats.words} distinct pre-tokens, ${(result.stats.bytes / 1e6 / trainSeconds).toFixed(1)} MB/s`,
      `compression: ${(result.stats.bytes / Math.max(1, tokens)).toFixed(2)} bytes per token (${tokens} tokens)`,
      `peak memory: ${maxRssMB.toFixed(0)} MB resident (process), ${(result.stats.memoryBytes / 1e6).toFixed(0)} MB trainer`,
      `wrote ${written.join(", ")}`,
    ].join("\n") + "\n",
  );
}

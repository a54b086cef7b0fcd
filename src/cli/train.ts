// `bytepair train FILE`: learn a vocabulary from a text file, with a progress bar on stderr and a
// summary at the end; writes the tokenizer in the formats asked for.

import { writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { train } from "../api.js";
import type { TrainProgress } from "../train/types.js";
import type { Tokenizer } from "../tokenizer/tokenizer.js";
import { ProgressLine } from "./progress.js";
import { cliArgs } from "./args.js";
import { checkInputFile, checkOutputDir, checkOutputFile, type InputFile } from "./paths.js";
import { OutputFiles } from "./outputs.js";
import { CliError, fsError } from "./errors.js";
import { SPECIALS_FILE, specialsSidecar } from "./tokenizer-option.js";
import { invalidUtf8Warning } from "./utf8.js";

export const TRAIN_USAGE = `  bytepair train FILE --vocab-size N [--special TOKEN]... [--pattern gpt2|cl100k|o200k]
                      [--out DIR | --force] [--format gpt2|tiktoken|hf]...`;

const FORMATS = ["gpt2", "tiktoken", "hf"] as const;
type Format = (typeof FORMATS)[number];

interface TrainArgs {
  file?: string;
  vocabSize?: number;
  specials: string[];
  pattern: "gpt2" | "cl100k" | "o200k";
  out?: string;
  force: boolean;
  formats: Format[];
}

// specials.json: the pattern and special tokens, which vocab.json and vocab.tiktoken cannot hold (tokenizer-option.ts).
const FILES: Record<Format, string[]> = { gpt2: ["vocab.json", "merges.txt", SPECIALS_FILE], tiktoken: ["vocab.tiktoken", SPECIALS_FILE], hf: ["tokenizer.json"] };

function parse(argv: string[], fail: (m: string) => never): TrainArgs {
  const args: TrainArgs = { specials: [], pattern: "gpt2", force: false, formats: [] };
  for (const { arg: a, flag, value } of cliArgs(argv, fail)) {
    if (flag === "--vocab-size") {
      const v = value();
      if (!/^\d+$/.test(v)) fail(`--vocab-size must be a whole number, got ${JSON.stringify(v)}`);
      args.vocabSize = Number(v);
    } else if (flag === "--special") {
      const v = value();
      if (v === "") fail("--special needs a non-empty token");
      if (!args.specials.includes(v)) args.specials.push(v);
    } else if (flag === "--pattern") {
      const v = value();
      if (v !== "gpt2" && v !== "cl100k" && v !== "o200k") fail(`--pattern must be gpt2, cl100k or o200k, got ${JSON.stringify(v)}`);
      args.pattern = v;
    } else if (flag === "--out" || flag === "-o") args.out = value();
    else if (flag === "--force") args.force = true;
    else if (flag === "--format") {
      const v = value() as Format;
      if (!FORMATS.includes(v)) fail(`--format must be one of ${FORMATS.join(", ")}, got ${JSON.stringify(v)}`);
      if (!args.formats.includes(v)) args.formats.push(v);
    } else if (a.startsWith("-")) fail(`unknown option ${a}`);
    else if (args.file === undefined) args.file = a;
    else fail(`one training file only (got ${JSON.stringify(args.file)} and ${JSON.stringify(a)})`);
  }
  if (args.file === undefined) fail("train needs a text file");
  if (args.vocabSize === undefined) fail("train needs --vocab-size");
  const least = 256 + args.specials.length;
  if (args.vocabSize < least || args.vocabSize > 1 << 24) {
    fail(`--vocab-size must be from ${least} (${args.specials.length} --special tokens + 256 bytes) to 16777216, got ${args.vocabSize}`);
  }
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

/**
 * Checks the paths and creates the output files' temporary files, all before training starts, so a
 * wrong --out fails at once. Without --out, files already in the current directory are kept unless
 * --force. Returns each output's temporary file by name.
 */
function prepareOutputs(args: TrainArgs, input: InputFile, outputs: OutputFiles): Map<string, string> {
  const dir = args.out ?? ".";
  checkOutputDir(dir);
  const names = [...new Set(args.formats.flatMap((f) => FILES[f]))];
  const finals = names.map((name) => checkOutputFile(join(dir, name), [input]));
  if (args.out === undefined && !args.force) {
    const existing = names.filter((name) => existsSync(name));
    if (existing.length > 0) {
      throw new CliError(`${existing.join(", ")} already in the current directory; pass --out DIR to write elsewhere, or --force to replace`);
    }
  }
  outputs.makeDir(dir);
  return new Map(names.map((name, i) => [name, outputs.create(finals[i])]));
}

export async function trainCommand(argv: string[], fail: (m: string) => never): Promise<void> {
  const args = parse(argv, fail);
  const input = checkInputFile(args.file!);
  const outputs = new OutputFiles();
  const temps = prepareOutputs(args, input, outputs);
  const file = args.file!;
  const started = performance.now();
  const line = new ProgressLine();
  const result = await train({ file }, {
    vocabSize: args.vocabSize!,
    specialTokens: args.specials,
    pattern: args.pattern,
    onProgress: progressPrinter(input.stats.size, line),
  });
  const trainSeconds = (performance.now() - started) / 1000;
  line.end();
  const warning = invalidUtf8Warning(result.stats.invalidUtf8At, file);
  if (warning) process.stderr.write(warning + "\n");

  const dir = args.out ?? ".";
  const save = (name: string, data: string | Uint8Array) => {
    try {
      writeFileSync(temps.get(name)!, data);
    } catch (e) {
      throw fsError("write", join(dir, name), e);
    }
  };
  const { tokenizer } = result;
  if (args.formats.includes("gpt2")) {
    const { vocabJson, mergesTxt } = tokenizer.toGpt2();
    save("vocab.json", vocabJson);
    save("merges.txt", mergesTxt);
  }
  if (args.formats.includes("tiktoken")) save("vocab.tiktoken", tokenizer.toTiktoken());
  if (args.formats.includes("hf")) save("tokenizer.json", JSON.stringify(tokenizer.toHuggingFace(), null, 2));
  if (temps.has(SPECIALS_FILE)) save(SPECIALS_FILE, specialsSidecar(args.pattern, tokenizer.specialTokens));
  outputs.commit();
  const written = [...temps.keys()].map((name) => join(dir, name));

  // The trainer's own count: what encoding the file again would give, without a second pass over it.
  const tokens = result.stats.tokens;
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stderr.write(
    [
      `trained ${result.vocab.size} tokens (${result.merges.length} merges${result.vocab.size < args.vocabSize! ? ", no more pairs to merge" : ""}) in ${trainSeconds.toFixed(2)} s`,
      `text: ${(result.stats.bytes / 1e6).toFixed(2)} MB, ${result.stats.words} distinct pre-tokens, ${(result.stats.bytes / 1e6 / trainSeconds).toFixed(1)} MB/s`,
      `compression: ${(result.stats.bytes / Math.max(1, tokens)).toFixed(2)} bytes per token (${tokens} tokens, special tokens aside)`,
      `peak memory: ${maxRssMB.toFixed(0)} MB resident (process), ${(result.stats.memoryBytes / 1e6).toFixed(0)} MB trainer`,
      `wrote ${written.join(", ")}`,
    ].join("\n") + "\n",
  );
}

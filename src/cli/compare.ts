// `bytepair compare FILE`: the lecture's tokenizers side by side on one text: tokens, vocabulary
// size and compression ratio (UTF-8 bytes per token) for characters, bytes, words and BPE. A file is
// streamed (once more to train a BPE on it), keeping only counts, with a progress line when large.

import { encodingNames, type EncodingName } from "../encodings/registry.js";
import * as lecture from "../lecture/index.js";
import { cliArgs } from "./args.js";
import { train } from "../api.js";
import { compareFigures } from "./compare-figures.js";
import { checkInputFile, type InputFile } from "./paths.js";
import { ProgressLine } from "./progress.js";
import { readText, textChunks } from "./utf8.js";

const READ_BYTES = 1 << 22;
const PROGRESS_FROM = 16 << 20;

export const COMPARE_USAGE = `  bytepair compare FILE [--encoding NAME]... [--train-vocab N]`;

interface CompareArgs {
  file?: string;
  encodings: EncodingName[];
  trainVocab?: number;
}

function parse(argv: string[], fail: (m: string) => never): CompareArgs {
  const args: CompareArgs = { encodings: [] };
  for (const { arg: a, flag, value } of cliArgs(argv, fail)) {
    if (flag === "--encoding" || flag === "-e") {
      const v = value();
      if (!(encodingNames as readonly string[]).includes(v)) fail(`--encoding must be one of ${encodingNames.join(", ")}, got ${JSON.stringify(v)}`);
      args.encodings.push(v as EncodingName);
    } else if (flag === "--train-vocab") {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < 256) fail(`--train-vocab must be a whole number >= 256, got ${JSON.stringify(v)}`);
      args.trainVocab = Number(v);
    } else if (a.startsWith("-") && a !== "-") fail(`unknown option ${a}`);
    else if (args.file === undefined) args.file = a;
    else fail(`one file only (got ${JSON.stringify(args.file)} and ${JSON.stringify(a)})`);
  }
  if (args.file === undefined) fail("compare needs a text file (or - for standard input)");
  if (args.encodings.length === 0) args.encodings = ["gpt2", "cl100k_base", "o200k_base"];
  return args;
}

export async function compareCommand(argv: string[], fail: (m: string) => never): Promise<void> {
  const args = parse(argv, fail);
  // Standard input cannot be read twice: to train on it, it is read whole.
  const source = args.file !== "-" ? fileInput(checkInputFile(args.file!)) : args.trainVocab !== undefined ? wholeInput() : stdinInput();
  const bpes: lecture.BpeTokenizer[] = [];
  // As lecture.trainBpe does on the whole text, from one read of the input.
  if (args.trainVocab !== undefined) {
    const { tokenizer } = await train(source.read("train"), { vocabSize: args.trainVocab, workers: 0 });
    bpes.push(new lecture.BpeTokenizer(tokenizer, "trained bpe"));
  }
  for (const name of args.encodings) bpes.push(await lecture.bpe(name));
  const figures = await compareFigures(source.read("compare"), bpes.map((b) => b.tokenizer));
  source.done();

  const { bytes } = figures;
  // The words tokenizer's vocabulary is the text's own words (after <unk>), so it never needs <unk> here.
  const rows: Array<[string, number, number]> = [
    ["characters", figures.characters, lecture.CODE_POINTS],
    ["bytes", bytes, 256],
    ["words", figures.words, figures.distinctWords + 1],
    ...bpes.map((b, k): [string, number, number] => [b.name, figures.bpeTokens[k], b.vocabSize]),
  ];
  const cells = rows.map(([name, tokens, vocabulary]) => [
    name,
    tokens.toLocaleString("en-US"),
    vocabulary.toLocaleString("en-US"),
    tokens ? (bytes / tokens).toFixed(2) : "-",
  ]);
  const header = ["tokenizer", "tokens", "vocabulary", "bytes/token"];
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c].length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ").trimEnd();
  process.stdout.write(`${args.file}: ${bytes.toLocaleString("en-US")} bytes, ${figures.characters.toLocaleString("en-US")} characters\n`);
  process.stdout.write([line(header), ...cells.map(line)].join("\n") + "\n");
}

/** The input, to be read once per pass ("train", "compare"), and what to do after the last pass. */
interface CompareInput {
  read(stage: string): AsyncIterable<string>;
  done(): void;
}

/** Standard input as one string (readText warns about invalid UTF-8). */
function wholeInput(): CompareInput {
  const text = readText(0);
  return {
    async *read() {
      if (text) yield text;
    },
    done() {},
  };
}

/** Standard input, streamed once (its size is not known: no progress line). */
function stdinInput(): CompareInput {
  return {
    read: () => textChunks(0, READ_BYTES, () => {}, (warning) => process.stderr.write(warning + "\n")),
    done() {},
  };
}

/** A file, streamed in READ_BYTES chunks on each pass, with a progress line for large ones. */
function fileInput({ path, stats }: InputFile): CompareInput {
  const line = new ProgressLine();
  let shown = 0;
  let warned = false;
  return {
    read(stage) {
      const started = performance.now();
      const onBytes = (bytes: number) => {
        const now = performance.now();
        if (stats.size < PROGRESS_FROM || (now - shown < 200 && bytes < stats.size)) return;
        shown = now;
        const rate = bytes / 1e6 / Math.max((now - started) / 1000, 1e-3);
        line.show(stage, bytes / Math.max(1, stats.size), `${stage} ${(bytes / 1e6).toFixed(1)}/${(stats.size / 1e6).toFixed(1)} MB, ${rate.toFixed(1)} MB/s`);
      };
      // The invalid-UTF-8 warning once, not once per pass.
      const onInvalid = (warning: string) => (warned ? undefined : ((warned = true), line.note(warning)));
      return textChunks(path, READ_BYTES, onBytes, onInvalid);
    },
    done() {
      if (shown) line.end();
    },
  };
}

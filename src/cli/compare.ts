// `bytepair compare FILE`: the lecture's tokenizers side by side on one text: tokens, vocabulary
// size and compression ratio (UTF-8 bytes per token) for characters, bytes, words and BPE.

import { encodingNames, type EncodingName } from "../encodings/registry.js";
import * as lecture from "../lecture/index.js";
import { cliArgs } from "./args.js";
import { checkInputFile } from "./paths.js";
import { readText } from "./utf8.js";

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
  const text = args.file === "-" ? readText(0) : readText(checkInputFile(args.file!).path);
  const tokenizers: lecture.LectureTokenizer[] = [
    new lecture.CharacterTokenizer(),
    new lecture.ByteTokenizer(),
    lecture.WordTokenizer.train(text), // its vocabulary is this text's words, so it never needs <unk> here
  ];
  if (args.trainVocab !== undefined) tokenizers.push(await lecture.trainBpe(text, { vocabSize: args.trainVocab }));
  for (const name of args.encodings) tokenizers.push(await lecture.bpe(name));

  const bytes = lecture.utf8Length(text);
  const rows = tokenizers.map((t) => {
    const tokens = t.encode(text).length;
    return [t.name, tokens.toLocaleString("en-US"), t.vocabSize.toLocaleString("en-US"), tokens ? (bytes / tokens).toFixed(2) : "-"];
  });
  const header = ["tokenizer", "tokens", "vocabulary", "bytes/token"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ").trimEnd();
  process.stdout.write(`${args.file}: ${bytes.toLocaleString("en-US")} bytes, ${[...text].length.toLocaleString("en-US")} characters\n`);
  process.stdout.write([line(header), ...rows.map(line)].join("\n") + "\n");
}

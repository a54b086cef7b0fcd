// The `bytepair` command: encode, decode, count, train.

import { readFileSync } from "node:fs";
import { getEncoding, encodingForModel, encodingNames, BytepairError, type EncodeOptions } from "./index.js";
import { trainCommand, TRAIN_USAGE } from "./cli-train.js";
import { encodeFileCommand, ENCODE_FILE_USAGE } from "./cli-encode-file.js";
import { compareCommand, COMPARE_USAGE } from "./cli-compare.js";
import { playgroundCommand, PLAYGROUND_USAGE } from "./cli-playground.js";
import { benchCommand, BENCH_USAGE } from "./cli-bench.js";

const USAGE = `Usage:
  bytepair encode [--encoding NAME | --model MODEL] [--allow-special] [--json] [TEXT | -]
  bytepair decode [--encoding NAME | --model MODEL] [IDS... | -]
  bytepair count  [--encoding NAME | --model MODEL] [--allow-special] [TEXT | -]
${TRAIN_USAGE}
${ENCODE_FILE_USAGE}
${COMPARE_USAGE}
${PLAYGROUND_USAGE}
${BENCH_USAGE}

TEXT defaults to standard input (also when it is "-"). IDS are numbers separated by spaces or commas.
--encoding  one of ${encodingNames.join(", ")} (default o200k_base)
--model     an OpenAI model name, e.g. gpt-4o, gpt-4, text-davinci-003
--allow-special  encode special tokens such as <|endoftext|> as their ids (default: an error)
--json      print ids as a JSON array instead of space-separated
train       learns a byte-level BPE vocabulary of N tokens (special tokens + 256 bytes + merges) from
            FILE and writes it to DIR (default .) as vocab.json + merges.txt, vocab.tiktoken and
            tokenizer.json (or only the --format ones)
encode-file writes the ids of a whole text file as a NumPy .npy (or raw .bin with a .json sidecar),
            encoding in worker threads (default: one per core); --special allows that special token
            (repeatable), --allow-special all of them; dtype defaults to uint16 when the ids fit
compare     tokens, vocabulary size and bytes per token of FILE for the lecture's tokenizers: characters,
            bytes, words (the file's own words), BPE with each --encoding (default gpt2, cl100k_base,
            o200k_base) and, with --train-vocab N, a BPE of N tokens trained on FILE
playground  serves a page on http://127.0.0.1:PORT/ (default 4747) to see text as tokens in any two
            tokenizers side by side; it runs offline, the library itself runs in the page
bench       encode, count and decode MB/s of our WebAssembly and JavaScript engines on FILE (default:
            a built-in 1 MB mixed sample), their ratio, and whether their ids are equal`;

interface Args {
  command: string;
  encoding: string;
  model?: string;
  allowSpecial: boolean;
  json: boolean;
  rest: string[];
}

function parse(argv: string[]): Args {
  const args: Args = { command: argv[0] ?? "", encoding: "o200k_base", allowSpecial: false, json: false, rest: [] };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === "--encoding" || a === "-e") args.encoding = value();
    else if (a.startsWith("--encoding=")) args.encoding = a.slice(11);
    else if (a === "--model" || a === "-m") args.model = value();
    else if (a.startsWith("--model=")) args.model = a.slice(8);
    else if (a === "--allow-special") args.allowSpecial = true;
    else if (a === "--json") args.json = true;
    else if (a === "--") args.rest.push(...argv.slice(i + 1)), (i = argv.length);
    else if (a.startsWith("-") && a !== "-") fail(`unknown option ${a}`);
    else args.rest.push(a);
  }
  return args;
}

function fail(message: string): never {
  process.stderr.write(`bytepair: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function input(rest: string[]): string {
  if (rest.length === 0 || (rest.length === 1 && rest[0] === "-")) return readFileSync(0, "utf8");
  return rest.join(" ");
}

async function main(argv: string[]): Promise<void> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    process.stdout.write(USAGE + "\n");
    return;
  }
  if (argv[0] === "train") return trainCommand(argv.slice(1), fail);
  if (argv[0] === "encode-file") return encodeFileCommand(argv.slice(1), fail);
  if (argv[0] === "compare") return compareCommand(argv.slice(1), fail);
  if (argv[0] === "playground") return playgroundCommand(argv.slice(1), fail);
  if (argv[0] === "bench") return benchCommand(argv.slice(1), fail);
  const args = parse(argv);
  if (!["encode", "decode", "count"].includes(args.command)) fail(`unknown command ${JSON.stringify(args.command)}`);
  const tokenizer = args.model ? await encodingForModel(args.model) : await getEncoding(args.encoding as never);
  const options: EncodeOptions | undefined = args.allowSpecial ? { allowedSpecial: "all" } : undefined;
  if (args.command === "encode") {
    const ids = Array.from(tokenizer.encode(input(args.rest), options));
    process.stdout.write((args.json ? JSON.stringify(ids) : ids.join(" ")) + "\n");
  } else if (args.command === "count") {
    process.stdout.write(tokenizer.count(input(args.rest), options) + "\n");
  } else {
    const words = input(args.rest).split(/[\s,\[\]]+/).filter(Boolean);
    const ids = words.map((w) => {
      if (!/^\d+$/.test(w)) fail(`not a token id: ${JSON.stringify(w)}`);
      return Number(w);
    });
    process.stdout.write(tokenizer.decode(ids));
    if (process.stdout.isTTY) process.stdout.write("\n");
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof BytepairError) {
    process.stderr.write(`bytepair: ${e.message}\n`);
    process.exit(1);
  }
  throw e;
});

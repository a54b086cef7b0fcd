// The usage text: all of it for `bytepair --help`, one command's for `bytepair COMMAND --help`.

import { encodingNames } from "../encodings/registry.js";
import { TRAIN_USAGE } from "./train.js";
import { ENCODE_FILE_USAGE } from "./encode-file.js";
import { COMPARE_USAGE } from "./compare.js";
import { PLAYGROUND_USAGE } from "./playground.js";
import { BENCH_USAGE } from "./bench.js";

const TEXT_OPTIONS = `TEXT defaults to standard input (also when it is "-"), read as UTF-8 (invalid bytes become U+FFFD,
            with a warning). IDS are numbers separated by spaces or commas.
--encoding  one of ${encodingNames.join(", ")} (default o200k_base)
--model     an OpenAI model name, e.g. gpt-4o, gpt-4, text-davinci-003 (not with --encoding)
--tokenizer a tokenizer from files: a \`bytepair train\` output folder, a tokenizer.json, a .tiktoken
            or a vocab.json (+ merges.txt beside it); specials.json beside them gives the pattern
            and special tokens (train writes it). Also for encode-file.
--allow-special  encode special tokens such as <|endoftext|> as their ids (default: an error)
--special   allow that special token only (repeatable)
--disallowed-special none  special tokens not allowed are ordinary text instead of an error
--json      print ids as a JSON array instead of space-separated
--offsets   encode: a second line with each token's start in TEXT (UTF-16 index of the character
            holding its first byte); with --json, {"ids": [...], "offsets": [...]}
--file      count: the tokens of FILE (- for standard input), read as a stream, with a progress
            line on stderr for files over 16 MB`;

const COMMANDS: Record<string, { usage: string; about: string }> = {
  encode: {
    usage: `  bytepair encode [--encoding NAME | --model MODEL | --tokenizer PATH] [--allow-special] [--special TOKEN]...
                  [--disallowed-special none] [--json] [--offsets] [TEXT | -]`,
    about: TEXT_OPTIONS,
  },
  decode: { usage: `  bytepair decode [--encoding NAME | --model MODEL | --tokenizer PATH] [IDS... | -]`, about: TEXT_OPTIONS },
  count: {
    usage: `  bytepair count  [--encoding NAME | --model MODEL | --tokenizer PATH] [--allow-special] [--special TOKEN]...
                  [--disallowed-special none] [--file FILE | TEXT | -]`,
    about: TEXT_OPTIONS,
  },
  train: {
    usage: TRAIN_USAGE,
    about: `train       learns a byte-level BPE vocabulary of N tokens (special tokens + 256 bytes + merges) from
            FILE and writes it to DIR (default .) as vocab.json + merges.txt, vocab.tiktoken and
            tokenizer.json (or only the --format ones), with specials.json (pattern and special
            tokens) beside vocab.json and vocab.tiktoken; --tokenizer DIR reads any of them back. Without --out it refuses to replace files
            already in the current directory unless --force is given. The files appear only when
            training succeeded; an interrupted run leaves the old ones as they were.`,
  },
  "encode-file": {
    usage: ENCODE_FILE_USAGE,
    about: `encode-file writes the ids of a whole text file as a NumPy .npy (or raw .bin with a .json sidecar),
            encoding in worker threads (default: one per core); --special allows that special token
            (repeatable), --allow-special all of them; dtype defaults to uint16 when the ids fit.
            OUT (and its sidecar) are replaced only when the whole file was encoded: a failed or
            interrupted run leaves an earlier OUT as it was. OUT may not be IN.`,
  },
  compare: {
    usage: COMPARE_USAGE,
    about: `compare     tokens, vocabulary size and bytes per token of FILE for the lecture's tokenizers: characters,
            bytes, words (the file's own words), BPE with each --encoding (default gpt2, cl100k_base,
            o200k_base) and, with --train-vocab N, a BPE of N tokens trained on FILE. FILE is streamed
            (memory follows its distinct words, not its size), with a progress line on stderr over
            16 MB; - (standard input) is streamed too, but read whole with --train-vocab`,
  },
  playground: {
    usage: PLAYGROUND_USAGE,
    about: `playground  serves a page on http://127.0.0.1:PORT/ (default 4747) to see text as tokens in any two
            tokenizers side by side, and to train a BPE on your text and step through its merges, with
            a compression chart; it runs offline, the library itself runs in the page`,
  },
  bench: {
    usage: BENCH_USAGE,
    about: `bench       encode, count and decode MB/s of our WebAssembly and JavaScript engines on FILE (default:
            a built-in 1 MB mixed sample), their ratio, and whether their ids are equal`,
  },
};

export const commandNames = Object.keys(COMMANDS);

/** One command's usage lines and what its options mean. */
export function commandHelp(command: string): string {
  const { usage, about } = COMMANDS[command];
  return `Usage:\n${usage}\n\n${about}`;
}

export function fullHelp(): string {
  const usages = Object.values(COMMANDS).map((c) => c.usage);
  const abouts = new Set(Object.values(COMMANDS).map((c) => c.about)); // encode, decode, count share theirs
  return `Usage:\n${usages.join("\n")}\n  bytepair --help | --version | COMMAND --help\n\n${[...abouts].join("\n")}`;
}

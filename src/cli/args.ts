// The subcommands' arguments: the walk over them, and the --encoding/--model choice they share.
// Each argument is a flag (`--name value`, `--name=value`, `-x value`) whose `value()` takes its
// value (a usage error when there is none), or a positional argument.

import { getEncoding, encodingForModel } from "../api.js";
import type { Tokenizer } from "../tokenizer/tokenizer.js";
import { tokenizerFromPath } from "./tokenizer-option.js";

export interface CliArg {
  /** The argument as given. */
  arg: string;
  /** The flag's name: the argument, without an inline `=value`. */
  flag: string;
  /** The flag's value: inline, or the next argument (which is then not walked). */
  value(): string;
}

export function* cliArgs(argv: readonly string[], fail: (message: string) => never): Generator<CliArg> {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    yield { arg, flag, value: () => inline ?? argv[++i] ?? fail(`${flag} needs a value`) };
  }
}

/** What chooses the tokenizer: --encoding, --model or --tokenizer. */
export interface TokenizerChoice {
  encoding?: string;
  model?: string;
  tokenizer?: string;
}

/** Two of --encoding, --model and --tokenizer at once is a usage error (rather than one silently winning). */
export function checkEncodingChoice(args: TokenizerChoice, fail: (message: string) => never): void {
  const given = (["encoding", "model", "tokenizer"] as const).filter((k) => args[k] !== undefined);
  if (given.length < 2) return;
  const what = args.tokenizer === undefined ? "the encoding" : "the tokenizer";
  fail(`${given.map((k) => `--${k}`).join(" and ")} ${given.length === 2 ? "both" : "all"} choose ${what}: pass one of them`);
}

/** The tokenizer --encoding, --model or --tokenizer names (o200k_base when none). */
export function chosenTokenizer(args: TokenizerChoice): Promise<Tokenizer> {
  if (args.tokenizer !== undefined) return tokenizerFromPath(args.tokenizer);
  return args.model !== undefined ? encodingForModel(args.model) : getEncoding((args.encoding ?? "o200k_base") as never);
}

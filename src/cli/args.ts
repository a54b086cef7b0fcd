// The subcommands' arguments: the walk over them, and the --encoding/--model choice they share.
// Each argument is a flag (`--name value`, `--name=value`, `-x value`) whose `value()` takes its
// value (a usage error when there is none), or a positional argument.

import { getEncoding, encodingForModel } from "../api.js";
import type { Tokenizer } from "../tokenizer/tokenizer.js";

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

/** --encoding and --model both at once is a usage error (rather than one silently winning). */
export function checkEncodingChoice(args: { encoding?: string; model?: string }, fail: (message: string) => never): void {
  if (args.encoding !== undefined && args.model !== undefined) fail("--encoding and --model both choose the encoding: pass one of them");
}

/** The tokenizer --encoding or --model names (o200k_base when neither). */
export function chosenTokenizer(args: { encoding?: string; model?: string }): Promise<Tokenizer> {
  return args.model !== undefined ? encodingForModel(args.model) : getEncoding((args.encoding ?? "o200k_base") as never);
}

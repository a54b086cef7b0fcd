// The `bytepair` command: encode, decode, count, and the commands of cli-*.ts.

import { readFileSync } from "node:fs";
import { BytepairError } from "../errors.js";
import type { Tokenizer } from "../tokenizer/tokenizer.js";
import type { EncodeOptions } from "../tokenizer/options.js";
import { trainCommand } from "./train.js";
import { encodeFileCommand } from "./encode-file.js";
import { compareCommand } from "./compare.js";
import { playgroundCommand } from "./playground.js";
import { benchCommand } from "./bench.js";
import { commandHelp, commandNames, fullHelp } from "./help.js";
import { exitWithError, quietOnClosedStdout, usageFail } from "./errors.js";
import { readText } from "./utf8.js";
import { countFile } from "./count-file.js";
import { disallowedSpecial } from "./special.js";
import { cliArgs, chosenTokenizer, checkEncodingChoice } from "./args.js";

type Fail = (message: string) => never;

const COMMANDS: Record<string, (argv: string[], fail: Fail) => Promise<void>> = {
  encode: textCommand("encode"),
  decode: textCommand("decode"),
  count: textCommand("count"),
  train: trainCommand,
  "encode-file": encodeFileCommand,
  compare: compareCommand,
  playground: playgroundCommand,
  bench: benchCommand,
};

interface Args {
  encoding?: string;
  model?: string;
  tokenizer?: string;
  allowSpecial: boolean;
  specials: string[];
  /** --disallowed-special none: special tokens not allowed are ordinary text, not an error. */
  noneDisallowed: boolean;
  json: boolean;
  offsets: boolean;
  file?: string;
  rest: string[];
}

function parse(argv: string[], fail: Fail): Args {
  const args: Args = { allowSpecial: false, specials: [], noneDisallowed: false, json: false, offsets: false, rest: [] };
  const walk = cliArgs(argv, fail);
  for (const { arg, flag, value } of walk) {
    if (flag === "--encoding" || flag === "-e") args.encoding = value();
    else if (flag === "--model" || flag === "-m") args.model = value();
    else if (flag === "--tokenizer" || flag === "-t") args.tokenizer = value();
    else if (flag === "--disallowed-special") {
      const v = value();
      if (v !== "none" && v !== "all") fail(`--disallowed-special must be none or all, got ${JSON.stringify(v)}`);
      args.noneDisallowed = v === "none";
    } else if (flag === "--offsets") args.offsets = true;
    else if (flag === "--file" || flag === "-f") args.file = value();
    else if (flag === "--allow-special") args.allowSpecial = true;
    else if (flag === "--special") args.specials.push(value());
    else if (flag === "--json") args.json = true;
    else if (arg === "--") args.rest.push(...[...walk].map((a) => a.arg));
    else if (arg.startsWith("-") && arg !== "-") fail(`unknown option ${arg}`);
    else args.rest.push(arg);
  }
  checkEncodingChoice(args, fail);
  return args;
}

function input(rest: string[]): { text: string; source: string } {
  if (rest.length === 0 || (rest.length === 1 && rest[0] === "-")) return { text: readText(0), source: "standard input" };
  return { text: rest.join(" "), source: "the text" };
}

function textCommand(command: "encode" | "decode" | "count") {
  return async (argv: string[], fail: Fail): Promise<void> => {
    const args = parse(argv, fail);
    if (command === "decode" && (args.allowSpecial || args.specials.length > 0 || args.json || args.noneDisallowed)) {
      fail(`decode takes no --allow-special, --special, --disallowed-special or --json`);
    }
    if (command !== "encode" && args.offsets) fail(`--offsets is for encode only`);
    if (command !== "count" && args.file !== undefined) fail(`--file is for count only (encode-file encodes a file to .npy)`);
    if (args.file !== undefined && args.rest.length > 0) fail(`count takes --file or TEXT, not both`);
    const loadStarted = performance.now();
    const tokenizer = await chosenTokenizer(args);
    const loadMs = performance.now() - loadStarted;
    for (const s of args.specials) if (!tokenizer.specialTokens.has(s)) fail(`--special ${JSON.stringify(s)} is not a special token of ${tokenizer.name}`);
    if (command === "decode") return decode(tokenizer, args.rest, fail);
    const options: EncodeOptions = { allowedSpecial: args.allowSpecial ? "all" : args.specials, ...(args.noneDisallowed ? { disallowedSpecial: [] } : {}) };
    if (args.file !== undefined && args.file !== "-") return countFile(tokenizer, args.file, options, args.tokenizer, loadMs);
    const { text, source } = input(args.file === "-" ? ["-"] : args.rest);
    try {
      if (command === "encode" && args.offsets) {
        const { ids, offsets } = tokenizer.encodeWithOffsets(text, options);
        process.stdout.write(
          args.json ? JSON.stringify({ ids: Array.from(ids), offsets: Array.from(offsets) }) + "\n" : `${ids.join(" ")}\n${offsets.join(" ")}\n`,
        );
      } else if (command === "encode") {
        const ids = Array.from(tokenizer.encode(text, options));
        process.stdout.write((args.json ? JSON.stringify(ids) : ids.join(" ")) + "\n");
      } else process.stdout.write(tokenizer.count(text, options) + "\n");
    } catch (e) {
      if (e instanceof BytepairError && e.code === "DISALLOWED_SPECIAL_TOKEN" && e.token !== undefined && e.offset !== undefined) {
        throw disallowedSpecial(e.token, source, text, e.offset);
      }
      throw e;
    }
  };
}

function decode(tokenizer: Tokenizer, rest: string[], fail: Fail): void {
  const words = (rest.length === 0 || (rest.length === 1 && rest[0] === "-") ? readFileSync(0, "utf8") : rest.join(" "))
    .split(/[\s,\[\]]+/)
    .filter(Boolean);
  const ids = words.map((w) => {
    if (!/^\d+$/.test(w)) fail(`not a token id: ${JSON.stringify(w)}`);
    return Number(w);
  });
  process.stdout.write(tokenizer.decode(ids));
  if (process.stdout.isTTY) process.stdout.write("\n");
}

/** `--help`/`-h` among a command's arguments (before a `--`). */
function asksForHelp(argv: string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

function version(): string {
  const packageJson = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return packageJson.version;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === "help" && rest.length === 1 && commandNames.includes(rest[0])) {
    process.stdout.write(commandHelp(rest[0]) + "\n");
    return;
  }
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(fullHelp() + "\n");
    return;
  }
  if (command === "--version" || command === "-V") {
    process.stdout.write(version() + "\n");
    return;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) return usageFail()(`unknown command ${JSON.stringify(command)} (commands: ${commandNames.join(", ")})`);
  if (asksForHelp(rest)) {
    process.stdout.write(commandHelp(command) + "\n");
    return;
  }
  await run(rest, usageFail(command));
}

quietOnClosedStdout();
process.on("uncaughtException", exitWithError);
main(process.argv.slice(2)).catch(exitWithError);

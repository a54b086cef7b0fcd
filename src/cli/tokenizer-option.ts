// `--tokenizer PATH`: a tokenizer from files, for encode, decode, count and encode-file. PATH is a
// `bytepair train` output folder, a tokenizer.json, a .tiktoken file, or a vocab.json (with its
// merges.txt beside it). A .tiktoken or vocab.json holds neither the pre-tokenizer pattern nor which
// tokens are special: `bytepair train` writes them to `specials.json` beside its files, read here.

import { readFileSync, existsSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { Tokenizer } from "../tokenizer/tokenizer.js";
import { quote } from "../errors.js";
import { CliError, fsError } from "./errors.js";

/** The sidecar's name, and what it holds. */
export const SPECIALS_FILE = "specials.json";
export interface SpecialsSidecar {
  pattern: "gpt2" | "cl100k" | "o200k";
  specialTokens: Record<string, number>;
}

export function specialsSidecar(pattern: SpecialsSidecar["pattern"], specialTokens: ReadonlyMap<string, number>): string {
  const sidecar: SpecialsSidecar = { pattern, specialTokens: Object.fromEntries(specialTokens) };
  return JSON.stringify(sidecar, null, 2) + "\n";
}

/** The tokenizer at `path` (see above); the name it is shown by is the path. */
export async function tokenizerFromPath(path: string): Promise<Tokenizer> {
  let file = path;
  if (isDirectory(path)) {
    const found = ["tokenizer.json", "vocab.tiktoken", "vocab.json"].map((name) => join(path, name)).find((p) => existsSync(p));
    if (!found) throw new CliError(`--tokenizer ${quote(path)}: the folder has no tokenizer.json, vocab.tiktoken or vocab.json`);
    file = found;
  }
  const name = path;
  if (file.endsWith(".tiktoken")) {
    const sidecar = readSidecar(file);
    return Tokenizer.fromTiktoken(read(file), {
      name,
      pattern: sidecar?.pattern ?? "gpt2",
      specialTokens: new Map(Object.entries(sidecar?.specialTokens ?? {})),
    });
  }
  if (basename(file) === "vocab.json" || basename(file) === "merges.txt") {
    const dir = dirname(file);
    const sidecar = readSidecar(file);
    const vocab = new TextDecoder().decode(read(join(dir, "vocab.json")));
    const merges = new TextDecoder().decode(read(join(dir, "merges.txt")));
    return Tokenizer.fromGpt2(vocab, merges, { name, pattern: sidecar?.pattern ?? "gpt2", specialTokens: sidecar ? Object.keys(sidecar.specialTokens) : undefined });
  }
  if (file.endsWith(".json")) return Tokenizer.fromHuggingFace(new TextDecoder().decode(read(file)), { name });
  throw new CliError(`--tokenizer ${quote(path)}: expected a folder, a tokenizer.json, a .tiktoken file or a vocab.json`);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch (e) {
    throw fsError("read", path, e);
  }
}

function read(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    throw fsError("read", path, e);
  }
}

/** specials.json beside `file`, if there is one; a malformed one is an error, not ignored. */
function readSidecar(file: string): SpecialsSidecar | undefined {
  const path = join(dirname(file), SPECIALS_FILE);
  if (!existsSync(path)) return undefined;
  let parsed: SpecialsSidecar;
  try {
    parsed = JSON.parse(new TextDecoder().decode(read(path)));
  } catch (e) {
    throw new CliError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const ok =
    parsed !== null && typeof parsed === "object" && ["gpt2", "cl100k", "o200k"].includes(parsed.pattern) &&
    parsed.specialTokens !== null && typeof parsed.specialTokens === "object" &&
    Object.values(parsed.specialTokens).every((id) => Number.isInteger(id) && id >= 0);
  if (!ok) throw new CliError(`${path}: expected { "pattern": "gpt2" | "cl100k" | "o200k", "specialTokens": { TOKEN: ID, ... } }`);
  return parsed;
}

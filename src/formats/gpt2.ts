// GPT-2's vocabulary files: vocab.json (encoder.json), an object of byte-level token string -> id,
// and merges.txt (vocab.bpe), a "#version" line then one merge per line, "left right", in priority
// order. Both spell bytes in the byte-level alphabet (./byte-level.ts).

import { byteLevelDecode, byteLevelEncode, firstNonByteLevel } from "./byte-level.js";
import { readFlatJsonObject, type FlatEntry } from "./flat-json.js";
import { codePointAt, excerpt, invalidArgument, invalidVocab, lineAndColumn } from "./invalid.js";
import { checkMerges, checkVocab, isTokenId, separateSpecialTokens } from "./vocab-checks.js";
import { MAX_TOKEN_ID } from "../abi.js";
import { quote } from "../errors.js";

export { bytesToUnicode, unicodeToBytes } from "./byte-level.js";

export interface Gpt2Vocabulary {
  /** Token id -> bytes, special tokens excluded. */
  vocab: Map<number, Uint8Array>;
  /** Merges in priority order. */
  merges: Array<[Uint8Array, Uint8Array]>;
  /** The vocab.json entries named special: text -> id. */
  specialTokens: Map<string, number>;
}

export interface ParseGpt2Options {
  /**
   * Which vocab.json entries are special tokens rather than byte-level strings. Default:
   * "<|endoftext|>" when present (it is spelt in the byte-level alphabet, so it cannot be told apart).
   */
  specialTokens?: Iterable<string>;
}

const VOCAB_JSON = "vocab.json";
const MERGES_TXT = "merges.txt";
const ENDOFTEXT = "<|endoftext|>";
const VERSION_LINE = "#version: 0.2";

export function parseGpt2(vocabJson: string | Record<string, number>, mergesTxt: string, options: ParseGpt2Options = {}): Gpt2Vocabulary {
  if (typeof options.specialTokens === "string") invalidArgument("options.specialTokens must be a list of strings, not one string");
  const entries = vocabEntries(vocabJson);
  const named = options.specialTokens === undefined ? undefined : new Set(options.specialTokens);
  const specialNames = named ?? new Set(entries.some((e) => e.key === ENDOFTEXT) ? [ENDOFTEXT] : []);

  const vocab = new Map<number, Uint8Array>();
  const specialTokens = new Map<string, number>();
  const byString = new Map<string, Uint8Array>();
  const keyOfId = new Map<number, string>();
  for (const { key, value: id, locate } of entries) {
    const other = keyOfId.get(id);
    if (other !== undefined) invalidVocab(locate(), `tokens ${excerpt(other)} and ${excerpt(key)} have the same id ${id}`);
    keyOfId.set(id, key);
    if (specialNames.has(key)) {
      specialTokens.set(key, id);
      continue;
    }
    const bytes = byteLevelDecode(key);
    if (bytes === undefined || bytes.length === 0) {
      const at = firstNonByteLevel(key);
      invalidVocab(
        locate(),
        bytes === undefined
          ? `token ${excerpt(key)} has ${codePointAt(key, at)} at index ${at}, outside the byte-level alphabet (name it in options.specialTokens if it is a special token)`
          : "the empty string is not a token",
      );
    }
    vocab.set(id, bytes);
    byString.set(key, bytes);
  }
  for (const name of named ?? []) {
    if (!specialTokens.has(name)) invalidArgument(`options.specialTokens names ${excerpt(name)}, which is not in ${VOCAB_JSON}`);
  }
  return { vocab, merges: parseMerges(mergesTxt, byString), specialTokens };
}

/** Where an entry is, worked out only when a message needs it (counting lines up front would be quadratic). */
type Locate = () => string;

/** vocab.json's entries in file order; duplicate tokens are caught here, where the text still shows them. */
function vocabEntries(vocabJson: string | Record<string, number>): Array<{ key: string; value: number; locate: Locate }> {
  if (typeof vocabJson === "string") {
    const entries = readFlatJsonObject(vocabJson, VOCAB_JSON);
    const firstAt = new Map<string, FlatEntry>();
    return entries.map((entry) => {
      const locate = () => `${VOCAB_JSON} ${lineAndColumn(vocabJson, entry.offset)}`;
      const first = firstAt.get(entry.key);
      if (first) invalidVocab(locate(), `token ${excerpt(entry.key)} appears again (first at ${lineAndColumn(vocabJson, first.offset)})`);
      firstAt.set(entry.key, entry);
      return { key: entry.key, value: entry.value, locate };
    });
  }
  if (vocabJson === null || typeof vocabJson !== "object" || Array.isArray(vocabJson)) {
    invalidVocab(VOCAB_JSON, `expected an object of token -> id, got ${Array.isArray(vocabJson) ? "an array" : String(vocabJson)}`);
  }
  return Object.entries(vocabJson).map(([key, value]) => {
    const locate = () => `${VOCAB_JSON} entry ${excerpt(key)}`;
    if (!isTokenId(value)) invalidVocab(locate(), `id ${typeof value === "number" ? value : quote(value)} is not an integer from 0 to ${MAX_TOKEN_ID}`);
    return { key, value, locate };
  });
}

function parseMerges(mergesTxt: string, byString: Map<string, Uint8Array>): Array<[Uint8Array, Uint8Array]> {
  if (typeof mergesTxt !== "string") invalidVocab(MERGES_TXT, `expected the file's text, got ${typeof mergesTxt}`);
  const lines = mergesTxt.split("\n");
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  const merges: Array<[Uint8Array, Uint8Array]> = [];
  const lineOfPair = new Map<string, number>();
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (index === 0 && line.startsWith("#version")) return;
    const where = `${MERGES_TXT} line ${lineNumber}`;
    const symbols = line.split(" ");
    if (symbols.length !== 2 || symbols[0] === "" || symbols[1] === "") {
      invalidVocab(where, `${excerpt(line)} is not two symbols separated by one space`);
    }
    for (const symbol of symbols) {
      const at = firstNonByteLevel(symbol);
      if (at >= 0) invalidVocab(where, `symbol ${excerpt(symbol)} has ${codePointAt(symbol, at)}, outside the byte-level alphabet`);
    }
    const [left, right] = symbols.map((symbol) => byString.get(symbol) ?? invalidVocab(where, `symbol ${excerpt(symbol)} is not a token in ${VOCAB_JSON}`));
    if (!byString.has(symbols[0] + symbols[1])) {
      invalidVocab(where, `merging ${excerpt(line)} makes ${excerpt(symbols[0] + symbols[1])}, which is not a token in ${VOCAB_JSON}`);
    }
    const earlier = lineOfPair.get(line);
    if (earlier !== undefined) invalidVocab(where, `${excerpt(line)} repeats the merge on line ${earlier}`);
    lineOfPair.set(line, lineNumber);
    merges.push([left, right]);
  });
  return merges;
}

/**
 * vocab.json and merges.txt text, as GPT-2's own files are written: vocab.json in id order with
 * special tokens at their ids, in Python's json.dumps style (", " and ": " separators, non-ASCII
 * escaped), so GPT-2's vocabulary comes out byte for byte as encoder.json; merges.txt with its
 * "#version: 0.2" line and a newline after every merge.
 */
export function formatGpt2(
  vocab: ReadonlyMap<number, Uint8Array>,
  merges: ReadonlyArray<readonly [Uint8Array, Uint8Array]>,
  specialTokens?: ReadonlyMap<string, number>,
): { vocabJson: string; mergesTxt: string } {
  const where = "formatGpt2";
  const { specials, ordinary } = separateSpecialTokens(vocab, specialTokens, where);
  const { byId, idByKey } = checkVocab(ordinary, where);
  checkMerges(merges, idByKey, where);

  const entries: Array<[string, number]> = byId.map(([id, bytes]) => [byteLevelEncode(bytes), id]);
  const ordinaryStrings = new Set(entries.map(([text]) => text));
  for (const [text, id] of specials) {
    if (ordinaryStrings.has(text)) invalidVocab(where, `special token ${excerpt(text)} is spelt like an ordinary token in the byte-level alphabet`);
    entries.push([text, id]);
  }
  entries.sort((a, b) => a[1] - b[1]);
  const vocabJson = `{${entries.map(([text, id]) => `${asciiJsonString(text)}: ${id}`).join(", ")}}`;

  let mergesTxt = `${VERSION_LINE}\n`;
  for (const [left, right] of merges) mergesTxt += `${byteLevelEncode(left)} ${byteLevelEncode(right)}\n`;
  return { vocabJson, mergesTxt };
}

/** A JSON string literal with every character outside printable ASCII escaped, as Python's json.dumps writes it. */
function asciiJsonString(text: string): string {
  return JSON.stringify(text).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

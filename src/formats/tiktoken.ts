// The .tiktoken text format that OpenAI publishes ranks in: one line per token, "<base64 of the
// token's bytes> <rank>", in rank order. The rank is both the token's id and its merge priority.

import { decodeBase64, encodeBase64 } from "./base64.js";
import { excerpt, invalidVocab, showBytes } from "./invalid.js";
import { bytesKey, checkVocab, isTokenId } from "./vocab-checks.js";
import { MAX_TOKEN_ID } from "../abi.js";

const FILE_KIND = ".tiktoken";
const RANK = /^(?:0|[1-9][0-9]*)$/;

/** Rank -> token bytes. Blank lines are skipped, as tiktoken's own reader does; every other line must be well formed. */
export function parseTiktoken(data: string | Uint8Array): Map<number, Uint8Array> {
  const text = typeof data === "string" ? data : decodeUtf8(data);
  const ranks = new Map<number, Uint8Array>();
  const lineOfRank = new Map<number, number>();
  const lineOfToken = new Map<string, number>();
  let lineNumber = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    lineNumber++;
    const line = text.slice(start, text.charCodeAt(end - 1) === 0x0d && end > start ? end - 1 : end);
    start = end + 1;
    if (line === "") continue;

    const where = `${FILE_KIND} line ${lineNumber}`;
    const space = line.indexOf(" ");
    if (space === -1) invalidVocab(where, `${excerpt(line)} has no rank (expected "<base64> <rank>")`);
    const base64 = line.slice(0, space);
    const rankText = line.slice(space + 1);
    if (rankText.includes(" ")) invalidVocab(where, `${excerpt(line)} has more than two fields (expected "<base64> <rank>")`);
    if (!RANK.test(rankText) || !isTokenId(Number(rankText))) {
      invalidVocab(where, `rank ${excerpt(rankText)} is not an integer from 0 to ${MAX_TOKEN_ID}`);
    }
    const bytes = decodeBase64(base64);
    if (bytes === undefined || bytes.length === 0) invalidVocab(where, `${excerpt(base64)} is not the base64 of a token (standard alphabet, padded)`);

    const rank = Number(rankText);
    const rankLine = lineOfRank.get(rank);
    if (rankLine !== undefined) invalidVocab(where, `rank ${rank} is already used on line ${rankLine}`);
    const key = bytesKey(bytes);
    const tokenLine = lineOfToken.get(key);
    if (tokenLine !== undefined) invalidVocab(where, `token ${showBytes(bytes)} (${excerpt(base64)}) is already ranked on line ${tokenLine}`);
    lineOfRank.set(rank, lineNumber);
    lineOfToken.set(key, lineNumber);
    ranks.set(rank, bytes);
  }
  if (ranks.size === 0) invalidVocab(FILE_KIND, "the file holds no tokens");
  return ranks;
}

function decodeUtf8(data: Uint8Array): string {
  if (!(data instanceof Uint8Array)) invalidVocab(FILE_KIND, "expected the file as a string or a Uint8Array");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return invalidVocab(FILE_KIND, "the file is not valid UTF-8");
  }
}

/** The .tiktoken file of a vocabulary (ids as ranks), in rank order: OpenAI's files come out byte for byte. */
export function formatTiktoken(vocab: ReadonlyMap<number, Uint8Array>): Uint8Array {
  const { byId } = checkVocab(vocab, "formatTiktoken");
  const lines = new Array<string>(byId.length);
  for (let i = 0; i < byId.length; i++) lines[i] = `${encodeBase64(byId[i][1])} ${byId[i][0]}\n`;
  return new TextEncoder().encode(lines.join(""));
}

// Writes test/fixtures/tekken/tekken.json: a small file in the tekken.json format mistral-common
// reads (tokens/tokenizers/tekken.py), since no npm package ships a real one. Its ordinary tokens are
// the 256 single bytes in byte order (as mistral-common requires), then cl100k_base's tokens of ranks
// 256 .. 256 + EXTRA - 1 in their order; its pattern is Tekken's (Mistral NeMo's) regex. Run after
// `npm run build`: node scripts/gen-tekken-fixture.mjs

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Tokenizer } from "../build/index.js";

const EXTRA = 1800; // multi-byte tokens; the file keeps all, the config cuts the last KEPT_LESS
const KEPT_LESS = 100;
const SPECIALS = ["<unk>", "<s>", "</s>", "[INST]", "[/INST]", "[AVAILABLE_TOOLS]", "[/AVAILABLE_TOOLS]", "[TOOL_RESULTS]", "[/TOOL_RESULTS]", "[TOOL_CALLS]"];
const NUM_SPECIAL = 16; // 6 more than listed: mistral-common fills them in as <SPECIAL_10> .. <SPECIAL_15>
const PATTERN = String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`;

const cl100k = await Tokenizer.fromTiktoken(fileURLToPath(new URL("../node_modules/tiktoken/encoders/cl100k_base.json", import.meta.url)));
// .tiktoken text: "<base64> <rank>" per line, in rank order.
const lines = new TextDecoder().decode(cl100k.toTiktoken()).split("\n").filter(Boolean);
const byRank = new Map(lines.map((line) => { const [b64, rank] = line.split(" "); return [Number(rank), b64]; }));
const vocab = [];
for (let b = 0; b < 256; b++) vocab.push(Buffer.from([b]).toString("base64"));
for (let r = 256; r < 256 + EXTRA; r++) vocab.push(byRank.get(r));
const tokenStr = (b64) => {
  try { return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(b64, "base64")); } catch { return null; }
};
const file = {
  config: { pattern: PATTERN, num_vocab_tokens: vocab.length, default_vocab_size: NUM_SPECIAL + vocab.length - KEPT_LESS, default_num_special_tokens: NUM_SPECIAL, version: "v7" },
  vocab: vocab.map((token_bytes, rank) => ({ rank, token_bytes, token_str: tokenStr(token_bytes) })),
  special_tokens: SPECIALS.map((token_str, rank) => ({ rank, token_str, is_control: true })),
};
const out = new URL("../test/fixtures/tekken/tekken.json", import.meta.url);
// One token a line: small, and a diff shows which tokens changed.
const list = (items) => `[\n  ${items.map((x) => JSON.stringify(x)).join(",\n  ")}\n ]`;
writeFileSync(out, `{\n "config": ${JSON.stringify(file.config)},\n "vocab": ${list(file.vocab)},\n "special_tokens": ${list(file.special_tokens)}\n}\n`);
console.log(`wrote ${fileURLToPath(out)}: ${vocab.length} tokens, ${NUM_SPECIAL} specials`);

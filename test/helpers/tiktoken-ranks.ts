// The ranks the `tiktoken` npm package ships (node_modules/tiktoken/encoders/NAME.json: a compact
// "! <first rank> <base64> <base64> ..." text), as rank -> token bytes, and the sha256 digests that
// OpenAI's tiktoken pins for the published .tiktoken files (tiktoken_ext/openai_public.py).

import { readFileSync } from "node:fs";

export const OFFICIAL_TIKTOKEN_SHA256 = {
  r50k_base: "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930",
  p50k_base: "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069",
  cl100k_base: "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
  o200k_base: "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
} as const;

export interface ShippedEncoding {
  ranks: Map<number, Uint8Array>;
  specialTokens: Map<string, number>;
}

export function shippedEncoding(name: string): ShippedEncoding {
  const json = JSON.parse(readFileSync(new URL(`../../node_modules/tiktoken/encoders/${name}.json`, import.meta.url), "utf8"));
  const ranks = new Map<number, Uint8Array>();
  for (const line of (json.bpe_ranks as string).split("\n")) {
    if (!line) continue;
    const fields = line.split(" ");
    let rank = Number(fields[1]);
    for (let i = 2; i < fields.length; i++) ranks.set(rank++, new Uint8Array(Buffer.from(fields[i], "base64")));
  }
  return { ranks, specialTokens: new Map(Object.entries(json.special_tokens as Record<string, number>)) };
}

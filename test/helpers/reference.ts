// The ground truth: the real `tiktoken` package (Rust compiled to wasm), one instance per encoding,
// and a comparison that reports where two id arrays first differ.

import { get_encoding, type Tiktoken, type TiktokenEncoding } from "tiktoken";
import { readFileSync } from "node:fs";

const references = new Map<string, Tiktoken>();

export function reference(name: string): Tiktoken {
  let enc = references.get(name);
  if (!enc) {
    enc = get_encoding(name as TiktokenEncoding);
    references.set(name, enc);
  }
  return enc;
}

/** tiktoken's registry.json: each encoding's special tokens, as the reference package ships them. */
export const referenceRegistry: Record<string, { special_tokens: Record<string, number> }> = JSON.parse(
  readFileSync(new URL("../../node_modules/tiktoken/registry.json", import.meta.url), "utf8"),
);

/** The encodings tiktoken has and bytepair ships, and the distinct rank sets among them. */
export const ALL_ENCODINGS = ["gpt2", "r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base"] as const;
export const RANK_SETS = ["r50k_base", "p50k_base", "cl100k_base", "o200k_base"] as const;
/** One encoding per pre-tokenizer pattern (gpt2, cl100k, o200k). */
export const PATTERN_FAMILIES = ["r50k_base", "cl100k_base", "o200k_base"] as const;

/** Index of the first difference between two id arrays, or -1 when equal. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/**
 * Null when `ours` equals `theirs`; otherwise a description of the first difference, with the
 * ids around it and the text they decode to, so a failing test shows the case rather than two
 * long arrays.
 */
export function describeDifference(name: string, ours: Uint32Array, theirs: Uint32Array, label: string): string | null {
  const at = firstDifference(ours, theirs);
  if (at < 0) return null;
  const ref = reference(name);
  const from = Math.max(0, at - 3);
  const window = (ids: Uint32Array) => Array.from(ids.subarray(from, at + 4));
  const text = (ids: number[]) => JSON.stringify(new TextDecoder().decode(ref.decode(Uint32Array.from(ids))));
  return (
    `${name} ${label}: ids differ at index ${at} (ours ${ours.length} ids, tiktoken ${theirs.length})\n` +
    `  ours:     ${JSON.stringify(window(ours))} ${text(window(ours))}\n` +
    `  tiktoken: ${JSON.stringify(window(theirs))} ${text(window(theirs))}`
  );
}

// Saving a tokenizer's vocabulary in the file formats (src/formats/), apart from io.ts: the
// save methods are synchronous, so this part is loaded with the package, the reading part on demand.

import { BytepairError } from "../errors.js";
import type { TokenizerModel, Merges } from "./model.js";
import { formatTiktoken } from "../formats/tiktoken.js";
import { formatGpt2 } from "../formats/gpt2.js";
import { formatHuggingFace, type TokenizerJson } from "../formats/huggingface.js";
import { bytesKey } from "../formats/vocab-checks.js";

/** The .tiktoken file: ids are ranks, so it holds merges-based vocabularies only when ids follow merge order. */
export function saveTiktoken(model: TokenizerModel, specialTokens: ReadonlyMap<string, number>): Uint8Array {
  const vocab = ordinary(model.vocab(), specialTokens);
  if (model.kind === "merges") checkIdsFollowMerges(vocab, model.merges());
  return formatTiktoken(vocab);
}

export function saveGpt2(model: TokenizerModel, specialTokens: ReadonlyMap<string, number>): { vocabJson: string; mergesTxt: string } {
  return formatGpt2(model.vocab(), model.merges(), new Map(specialTokens));
}

export function saveHuggingFace(model: TokenizerModel, specialTokens: ReadonlyMap<string, number>): TokenizerJson {
  return formatHuggingFace({ vocab: model.vocab(), merges: model.merges(), specialTokens: new Map(specialTokens), pattern: model.pattern });
}

function ordinary(vocab: Map<number, Uint8Array>, specialTokens: ReadonlyMap<string, number>): Map<number, Uint8Array> {
  const result = new Map(vocab);
  for (const id of specialTokens.values()) result.delete(id);
  return result;
}

/** In a .tiktoken file the id is the merge priority: each merge must make a higher id than the last. */
function checkIdsFollowMerges(vocab: Map<number, Uint8Array>, merges: Merges): void {
  const idOf = new Map<string, number>();
  const key = bytesKey;
  for (const [id, bytes] of vocab) if (!idOf.has(key(bytes)) || id < idOf.get(key(bytes))!) idOf.set(key(bytes), id);
  let last = -1;
  for (let b = 0; b < 256; b++) last = Math.max(last, idOf.get(String.fromCharCode(b)) ?? -1);
  merges.forEach(([left, right], i) => {
    const id = idOf.get(key(left) + key(right))!;
    if (id <= last) {
      throw new BytepairError(
        "INVALID_VOCAB",
        `Cannot save as .tiktoken: merge ${i} makes token ${id}, which is not above the tokens before it (${last}); ` +
          ".tiktoken ranks are ids and merge priorities at once. Save as GPT-2 files or tokenizer.json instead.",
      );
    }
    last = id;
  });
}

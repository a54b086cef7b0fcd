// bytepair/encodings/gpt2: gpt2 alone. The literal below (a path from build/encodings/,
// where this entry is built) is the only vocabulary in this module's graph, so a bundler given this
// entry emits r50k_base.bpv and none of the other files.

import { loadEncoding, type GetEncodingOptions } from "../load-encoding.js";
import { located } from "../platform/bundled-assets.js";
import type { Tokenizer } from "../tokenizer/tokenizer.js";

export * from "./shared.js";

/** gpt2, loaded once per process and engine: the same tokenizer as getEncoding("gpt2"). */
export function gpt2(options?: GetEncodingOptions): Promise<Tokenizer> {
  return loadEncoding("gpt2", options, () => located("vocab/r50k_base.bpv", () => new URL("../vocab/r50k_base.bpv", import.meta.url)));
}

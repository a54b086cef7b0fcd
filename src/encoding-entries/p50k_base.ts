// bytepair/encodings/p50k_base: p50k_base alone. The literal below (a path from build/encodings/,
// where this entry is built) is the only vocabulary in this module's graph, so a bundler given this
// entry emits p50k_base.bpv and none of the other files.

import { loadEncoding, type GetEncodingOptions } from "../load-encoding.js";
import { located } from "../platform/bundled-assets.js";
import type { Tokenizer } from "../tokenizer/tokenizer.js";

export * from "./shared.js";

/** p50k_base, loaded once per process and engine: the same tokenizer as getEncoding("p50k_base"). */
export function p50k_base(options?: GetEncodingOptions): Promise<Tokenizer> {
  return loadEncoding("p50k_base", options, () => located("vocab/p50k_base.bpv", () => new URL("../vocab/p50k_base.bpv", import.meta.url)));
}

// bytepair/encodings/cl100k_base: cl100k_base alone. The literal below (a path from build/encodings/,
// where this entry is built) is the only vocabulary in this module's graph, so a bundler given this
// entry emits cl100k_base.bpv and none of the other files.

import { loadEncoding, type GetEncodingOptions } from "../load-encoding.js";
import { located } from "../platform/bundled-assets.js";
import type { Tokenizer } from "../tokenizer/tokenizer.js";

export * from "./shared.js";

/** cl100k_base, loaded once per process and engine: the same tokenizer as getEncoding("cl100k_base"). */
export function cl100k_base(options?: GetEncodingOptions): Promise<Tokenizer> {
  return loadEncoding("cl100k_base", options, () => located("vocab/cl100k_base.bpv", () => new URL("../vocab/cl100k_base.bpv", import.meta.url)));
}

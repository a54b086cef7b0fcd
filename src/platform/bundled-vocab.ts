// The packed vocabularies beside the bundle, for getEncoding, which names its encoding at run time:
// one `new URL("./vocab/NAME.bpv", import.meta.url)` literal per file, in a switch, so bundlers emit
// all four and an app fetches only the one it loads. Only src/api.ts imports this module; the
// per-encoding entries (src/encoding-entries/) hold one literal each instead, so a bundler given one
// of them emits that file alone. bytepair/inline replaces this module by bundled-assets-inline.ts.

import { BytepairError } from "../errors.js";
import { located } from "./bundled-assets.js";

/** The packed vocabulary `ranks` (a rank file's name, e.g. "o200k_base"), or its bytes in bytepair/inline. */
export function bundledVocab(ranks: string): URL | Promise<Uint8Array<ArrayBuffer>> {
  switch (ranks) {
    case "r50k_base":
      return located("vocab/r50k_base.bpv", () => new URL("./vocab/r50k_base.bpv", import.meta.url));
    case "p50k_base":
      return located("vocab/p50k_base.bpv", () => new URL("./vocab/p50k_base.bpv", import.meta.url));
    case "cl100k_base":
      return located("vocab/cl100k_base.bpv", () => new URL("./vocab/cl100k_base.bpv", import.meta.url));
    case "o200k_base":
      return located("vocab/o200k_base.bpv", () => new URL("./vocab/o200k_base.bpv", import.meta.url));
    default:
      throw new BytepairError("ASSET_LOAD_FAILED", `No packed vocabulary ${ranks}.bpv ships with bytepair`);
  }
}

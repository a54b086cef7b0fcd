// Where the package's own files are: the .wasm and one packed vocabulary per rank file, each written
// as `new URL("./file", import.meta.url)` with a literal path. That is the one form bundlers (Vite,
// webpack 5, Parcel, Next.js with webpack or Turbopack, Rollup with an import-meta-assets plugin)
// recognise: they emit the file and rewrite the URL. Any other way of building the URL hides it.
// Each literal is relative to the built file that holds it, build/index.js or a build/chunk-*.js
// beside it; scripts/build-host.mjs checks that every such path exists beside its output file.
// One literal per vocabulary, in a switch: nothing is downloaded or read but the file an encoding
// needs, on its first load. bytepair/inline replaces this module by bundled-assets-inline.ts.

import { BytepairError } from "../errors.js";

/** The engine's .wasm (or, in bytepair/inline, its bytes). */
export function bundledWasm(): URL | Promise<Uint8Array<ArrayBuffer>> {
  return located("bytepair.wasm", () => new URL("./bytepair.wasm", import.meta.url));
}

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

/** train()'s worker thread (Node only; the threads are given the compiled engine, so need no assets). */
export function bundledTrainWorker(): URL {
  // Not the pattern bundlers look for, on purpose: web bundlers would emit the Node thread's script
  // as an asset (webpack then fails minifying it), and no page ever starts it.
  const here = import.meta.url;
  return new URL("./train-worker.js", here);
}

/** The URL `make` builds, or, where modules have no URL, an error that says what to do instead. */
function located(path: string, make: () => URL): URL {
  // Cloudflare Workers give modules no URL: there the files must come from init() (bytepair/worker).
  const here: unknown = import.meta.url;
  if (typeof here === "string") {
    try {
      return make();
    } catch {
      // not a base URL: the same error as none
    }
  }
  throw new BytepairError(
    "ASSET_LOAD_FAILED",
    `Cannot locate ${path}: this runtime gives modules no URL (import.meta.url is ${String(here)}); ` +
      `call init({ wasm, vocab }) first, or in Cloudflare Workers import "bytepair/worker"`,
  );
}

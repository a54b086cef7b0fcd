// Where the package's own files are: the .wasm here, the packed vocabularies in bundled-vocab.ts and
// in the per-encoding entries, each written as `new URL("./file", import.meta.url)` with a literal
// path. That is the one form bundlers (Vite, webpack 5, Parcel, Next.js with webpack or Turbopack,
// Rollup with an import-meta-assets plugin) recognise: they emit the file and rewrite the URL. Any
// other way of building the URL hides it.
// Each literal is relative to the built file that holds it (build/index.js, a chunk beside it, or
// build/encodings/NAME.js); scripts/build-host.mjs checks that every such path exists from there.
// bytepair/inline replaces this module and bundled-vocab.ts by bundled-assets-inline.ts.

import { BytepairError } from "../errors.js";

/** The engine's .wasm (or, in bytepair/inline, its bytes). */
export function bundledWasm(): URL | Promise<Uint8Array<ArrayBuffer>> {
  return located("bytepair.wasm", () => new URL("./bytepair.wasm", import.meta.url));
}

/** train()'s worker thread (Node only; the threads are given the compiled engine, so need no assets). */
export function bundledTrainWorker(): URL {
  // Not the pattern bundlers look for, on purpose: web bundlers would emit the Node thread's script
  // as an asset (webpack then fails minifying it), and no page ever starts it.
  const here = import.meta.url;
  return new URL("./train-worker.js", here);
}

/** The URL `make` builds, or, where modules have no URL, an error that says what to do instead. */
export function located(path: string, make: () => URL): URL {
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

// bytepair under the "edge-light" condition (Next.js edge routes, Vercel Edge Functions): those
// runtimes compile no WebAssembly from fetched bytes, and hand over a compiled module for an import
// with the `?module` suffix (Next's webpack and Turbopack both do). The vocabularies are found as
// in the browser build: new URL literals, which these bundlers emit and their fetch serves.
// "./browser.js" is build/browser.js, as in worker.ts.

import engine from "./bytepair.wasm?module";
import { init } from "./browser.js";

init({ wasm: engine });

export * from "./browser.js";

// bytepair/worker: the entry for Cloudflare Workers (workerd), which refuse to compile WebAssembly
// from bytes at run time and accept only a module imported as such. Bundlers with Workers' rules
// (wrangler: "**/*.wasm" is CompiledWasm) turn this import into that compiled module. The
// vocabularies still come from init({ vocab }): imported as data modules, or by URL.
// "./browser.js" is build/browser.js, the library built without node: imports (src/index.ts here).

import engine from "./bytepair.wasm";
import { init } from "./browser.js";

init({ wasm: engine });

export * from "./browser.js";

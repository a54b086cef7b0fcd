// bytepair/worker: the entry for Cloudflare Workers (workerd), which refuse to compile WebAssembly
// from bytes at run time and accept only a module imported as such. Bundlers with Workers' rules
// (wrangler: "**/*.wasm" is CompiledWasm) turn this import into that compiled module. The
// vocabularies still come from init({ vocab }): imported as data modules, or by URL.

import engine from "./bytepair.wasm";
import { init } from "./index.js";

init({ wasm: engine });

export * from "./index.js";

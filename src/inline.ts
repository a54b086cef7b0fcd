// bytepair/inline: the same API as "bytepair", with the .wasm and the vocabularies inside the JS
// module graph (one module per vocabulary, imported on first use) instead of files beside it. Built
// from this file with platform/bundled-assets.ts replaced by platform/bundled-assets-inline.ts.
export * from "./index.js";

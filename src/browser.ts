// Type-level stand-in for build/browser.js, which scripts/build-host.mjs builds from index.ts
// with node: modules replaced; src/worker.ts imports it by that name.
export * from "./index.js";

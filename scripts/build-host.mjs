// Builds the TypeScript host: build/index.js (one ESM bundle that runs in any runtime, browsers
// included: node: modules are only imported dynamically, on paths browsers never take),
// build/worker.js (the Cloudflare Workers entry),
// build/train-worker.js (train()'s worker thread in Node), build/cli.js
// (the `bytepair` command, self-contained), and the .d.ts files under build/types/.

import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ["src/index.ts"],
  outfile: "build/index.js",
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: ["node:*"], // only reached on file: URLs, i.e. in Node, Deno and Bun
  logLevel: "warning",
});

// bytepair/worker (Cloudflare Workers): imports the .wasm beside it as a compiled module and
// shares build/index.js (kept as an import, so both entries share one state).
await build({
  absWorkingDir: root,
  entryPoints: ["src/worker.ts"],
  outfile: "build/worker.js",
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: ["./index.js", "./bytepair.wasm"],
  logLevel: "warning",
});

// The worker thread train() starts in Node, beside build/index.js.
await build({
  absWorkingDir: root,
  entryPoints: ["src/train/worker.ts"],
  outfile: "build/train-worker.js",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
});

// The worker threads of `bytepair encode-file`; like the CLI, they use build/index.js as shipped.
await build({
  absWorkingDir: root,
  entryPoints: ["src/encode-worker.ts"],
  outfile: "build/encode-worker.js",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["./index.js"],
  logLevel: "warning",
});

await build({
  absWorkingDir: root,
  entryPoints: ["src/cli.ts"],
  outfile: "build/cli.js",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  banner: { js: "#!/usr/bin/env node" },
  // One self-contained bundle: the CLI's own modules (token files, cutting text) share the library's
  // error class with it. It finds the .wasm, the vocabularies and the workers beside it in build/.
  external: ["node:*"],
  logLevel: "warning",
});

execFileSync(process.execPath, [fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url)), "-p", "tsconfig.build.json"], {
  cwd: root,
  stdio: "inherit",
});
console.log("built build/index.js, build/worker.js, build/train-worker.js, build/encode-worker.js, build/cli.js, build/types/");

// Builds the TypeScript host: build/index.js (an ESM bundle with chunks beside it, build/chunk-*.js, that
// runs in any runtime, browsers included: node: modules are only imported dynamically, on paths
// browsers never take),
// build/browser.js (the same without node: imports, for browsers and their bundlers, with chunks
// build/browser-chunk-*.js),
// build/encodings/NAME.js, NAME.browser.js and NAME.edge.js (bytepair/encodings/NAME: one encoding,
// so that bundlers emit its vocabulary alone; they share the chunks of index.js and browser.js),
// build/worker.js (the Cloudflare Workers entry),
// build/train-worker.js (train()'s worker thread in Node), build/cli.js
// (the `bytepair` command, self-contained), and the .d.ts files under build/types/.

import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = fileURLToPath(new URL("..", import.meta.url));
// Optional peer dependencies stay imports of the user's installed copy, made only when used, never bundled
// (src/tokenizer/jinja-on-demand.ts also hides the name from bundlers; this keeps it out if that changes).
const PEERS = ["@huggingface/jinja"];
// The per-encoding entries (src/encoding-entries/NAME.ts), built beside index.js and browser.js.
const ENCODING_ENTRIES = readdirSync(join(root, "src/encoding-entries"))
  .filter((file) => file.endsWith(".ts") && file !== "shared.ts")
  .map((file) => file.slice(0, -3));
const encodingEntries = (suffix) => Object.fromEntries(ENCODING_ENTRIES.map((name) => [`encodings/${name}${suffix}`, `src/encoding-entries/${name}.ts`]));

// Split at the dynamic imports (the file formats, the JS twin, train): `import "bytepair"` then parses
// only what getEncoding needs (issue 8: cold start). The chunks sit beside index.js (build/chunk-*.js),
// so import.meta.url in any of them still finds ./bytepair.wasm and ./vocab/; old ones are removed.
for (const file of readdirSync(join(root, "build"))) {
  if (/^(browser-)?chunk-[\w-]+\.js$/.test(file)) rmSync(join(root, "build", file));
}
rmSync(join(root, "build/encodings"), { recursive: true, force: true });

// esbuild puts a module in a chunk by the set of entries that reach it (the entry points and the
// targets of dynamic imports), so the eager part came out as a handful of shared chunks, each a file
// Node's loader reads, compiles and links before the first call (~3 ms of a cold start). So that it
// is one chunk: a first pass finds each entry's and lazy part's static graph; the eager modules that
// any of the others reaches (the shared ones) are then imported by all of them, at build time (the
// sources stay as they are), so every entry reaches the shared modules alike and esbuild puts them in
// one chunk. What only index.ts reaches (the four vocabularies' URLs among it) stays in index.js, so
// that a per-encoding entry still reaches its own vocabulary alone. The added imports cost index.js
// nothing (it has loaded them before any lazy part); an encoding entry now also evaluates the shared
// modules it did not reach before (declarations, a few small tables).
async function eagerInOneChunk(main, entries, platform, plugins) {
  const graphs = new Map(); // entry or lazy part -> the files of its static graph
  const todo = [...entries];
  while (todo.length) {
    const entry = todo.pop();
    if (graphs.has(entry)) continue;
    const lazy = [];
    const result = await build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform,
      logLevel: "silent",
      external: ["node:*", ...PEERS],
      plugins: [
        ...plugins,
        {
          name: "lazy-parts",
          setup(b) {
            b.onResolve({ filter: /^\./ }, async (args) => {
              if (args.kind !== "dynamic-import") return undefined;
              const resolved = await b.resolve(args.path, { kind: "import-statement", importer: args.importer, resolveDir: args.resolveDir });
              if (resolved.path) lazy.push(resolved.path); // an unresolved one fails the real build
              return { path: args.path, external: true };
            });
          },
        },
      ],
    });
    graphs.set(entry, new Set(Object.keys(result.metafile.inputs).map((file) => join(root, file))));
    todo.push(...lazy);
  }
  const others = new Set([...graphs.keys()].filter((entry) => entry !== main));
  const shared = [...graphs.get(main)].filter((file) => file.endsWith(".ts") && [...others].some((entry) => graphs.get(entry).has(file)));
  const imports = shared.map((file) => `import ${JSON.stringify(file)};`).join("\n");
  return {
    name: "eager-in-one-chunk",
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!others.has(args.path)) return undefined;
        return { contents: `${readFileSync(args.path, "utf8")}\n${imports}\n`, loader: "ts" };
      });
    },
  };
}
const entriesOf = (points) => Object.values(points).map((file) => join(root, file));
const mainEntry = join(root, "src/index.ts");

const nodeEntries = { index: "src/index.ts", ...encodingEntries("") };
await build({
  absWorkingDir: root,
  entryPoints: nodeEntries,
  outdir: "build",
  splitting: true,
  chunkNames: "chunk-[hash]",
  plugins: [await eagerInOneChunk(mainEntry, entriesOf(nodeEntries), "neutral", [])],
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: ["node:*", ...PEERS], // node: only reached on file: URLs, i.e. in Node, Deno and Bun
  logLevel: "warning",
});

// build/browser.js: the same library for browsers and Workers, where node: modules do not exist.
// build/index.js already imports them only on paths those runtimes never take (file: URLs, train's
// threads), but bundlers for the web reject or warn about any node: import; here each becomes a
// module that fails when loaded, so a file: URL in a browser is a clear ASSET_LOAD_FAILED. Split as
// index.js is, so that the per-encoding entries share its state (init, loaded tokenizers).
const nodeModulesFail = {
  name: "node-modules-fail",
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: "node-module-missing" }));
    b.onLoad({ filter: /.*/, namespace: "node-module-missing" }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not available in this runtime`)});`,
      loader: "js",
    }));
  },
};
const browserEntries = { browser: "src/index.ts", ...encodingEntries(".browser") };
await build({
  absWorkingDir: root,
  entryPoints: browserEntries,
  outdir: "build",
  splitting: true,
  chunkNames: "browser-chunk-[hash]",
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  plugins: [nodeModulesFail, await eagerInOneChunk(mainEntry, entriesOf(browserEntries), "browser", [nodeModulesFail])],
  external: PEERS,
  logLevel: "warning",
});

// bytepair/worker (Cloudflare Workers): imports the .wasm beside it as a compiled module and
// shares build/browser.js (kept as an import, so "bytepair" and "bytepair/worker" share one state
// under the browser condition wrangler resolves with).
await build({
  absWorkingDir: root,
  entryPoints: ["src/worker.ts"],
  outfile: "build/worker.js",
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: ["./browser.js", "./bytepair.wasm"],
  logLevel: "warning",
});

// bytepair under "edge-light" (Next.js edge routes, Vercel Edge Functions): the .wasm imported with
// `?module`, which their bundlers turn into a compiled module; otherwise build/browser.js, shared.
await build({
  absWorkingDir: root,
  entryPoints: ["src/edge.ts"],
  outfile: "build/edge.js",
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: ["./browser.js", "./bytepair.wasm?module"],
  logLevel: "warning",
});

// bytepair/encodings/NAME under "edge-light": the same as edge.js does for "bytepair".
{
  const { writeFileSync } = await import("node:fs");
  for (const name of ENCODING_ENTRIES) {
    writeFileSync(
      join(root, `build/encodings/${name}.edge.js`),
      `// bytepair/encodings/${name} under "edge-light" (see src/edge.ts)\nimport engine from "../bytepair.wasm?module";\nimport { init } from "./${name}.browser.js";\n\ninit({ wasm: engine });\n\nexport * from "./${name}.browser.js";\n`,
    );
  }
}

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
  entryPoints: ["src/cli/encode-worker.ts"],
  outfile: "build/encode-worker.js",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["./index.js", ...PEERS],
  logLevel: "warning",
});

await build({
  absWorkingDir: root,
  entryPoints: ["src/cli/main.ts"],
  outfile: "build/cli.js",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  banner: { js: "#!/usr/bin/env node" },
  // One self-contained bundle: the CLI's own modules (token files, cutting text) share the library's
  // error class with it. It finds the .wasm, the vocabularies and the workers beside it in build/.
  external: ["node:*", ...PEERS],
  logLevel: "warning",
});

// bytepair/inline (build/inline/): the same library with the .wasm and the vocabularies as JS modules,
// for bundlers and runtimes that handle no asset files. Each file becomes a module of its own holding
// its base64 (build/inline/wasm.js, build/inline/vocab/NAME.js), imported on first use by
// src/platform/bundled-assets-inline.ts, which stands in for bundled-assets.ts here. index.js keeps
// Node's modules as lazy imports (Node, Deno, Bun); browser.js fails them, as build/browser.js does.
{
  const { mkdirSync, readFileSync, writeFileSync } = await import("node:fs");
  rmSync(join(root, "build/inline"), { recursive: true, force: true });
  mkdirSync(join(root, "build/inline/vocab"), { recursive: true });
  const asModule = (from, to) =>
    writeFileSync(join(root, "build/inline", to), `// ${from}, base64 (bytepair/inline)\nexport default ${JSON.stringify(readFileSync(join(root, "build", from)).toString("base64"))};\n`);
  asModule("bytepair.wasm", "wasm.js");
  for (const name of readdirSync(join(root, "build/vocab"))) asModule(`vocab/${name}`, `vocab/${name.replace(/\.bpv$/, ".js")}`);
  const inlineAssets = {
    name: "inline-assets",
    setup(b) {
      b.onResolve({ filter: /\/bundled-(assets|vocab)\.js$/ }, () => ({ path: join(root, "src/platform/bundled-assets-inline.ts") }));
      b.onResolve({ filter: /^bytepair-inline:/ }, (args) => ({ path: `./${args.path.slice("bytepair-inline:".length)}.js`, external: true }));
    },
  };
  const common = { absWorkingDir: root, entryPoints: ["src/inline.ts"], bundle: true, format: "esm", target: "es2022", logLevel: "warning" };
  await build({ ...common, outfile: "build/inline/index.js", platform: "neutral", external: ["node:*", ...PEERS], plugins: [inlineAssets] });
  await build({ ...common, outfile: "build/inline/browser.js", platform: "browser", external: PEERS, plugins: [inlineAssets, nodeModulesFail] });
  for (const file of ["index.js", "browser.js"]) {
    const text = readFileSync(join(root, "build/inline", file), "utf8");
    if (/new URL\("\.\/(bytepair\.wasm|vocab\/)/.test(text)) throw new Error(`build/inline/${file} still refers to the asset files`);
  }
}

// Bundlers find the package's files by the literal `new URL("./file", import.meta.url)` in the built
// code (src/platform/bundled-assets.ts) and resolve it against the output file that holds it, so each
// literal must name a file beside that output: a chunk moved into another folder, or a path changed in
// the source but not in the build, fails here and not in a user's app.
{
  const { existsSync, readFileSync } = await import("node:fs");
  const literal = /new URL\("(\.\.?\/[^"]+)", import\.meta\.url\)/g;
  const outputs = ["build", "build/encodings"].flatMap((dir) => readdirSync(join(root, dir)).filter((name) => name.endsWith(".js")).map((name) => join(root, dir, name)));
  const inlineOutputs = ["build/inline/index.js", "build/inline/browser.js"].map((path) => join(root, path));
  const assets = new Set();
  for (const file of [...outputs, ...inlineOutputs]) {
    for (const [, path] of readFileSync(file, "utf8").matchAll(literal)) {
      if (!existsSync(new URL(path, pathToFileURL(file)))) throw new Error(`${file}: new URL(${JSON.stringify(path)}, import.meta.url) names no file beside it`);
      if (!inlineOutputs.includes(file)) assets.add(new URL(path, pathToFileURL(file)).href);
    }
  }
  for (const path of ["./bytepair.wasm", "./vocab/r50k_base.bpv", "./vocab/p50k_base.bpv", "./vocab/cl100k_base.bpv", "./vocab/o200k_base.bpv"]) {
    if (!assets.has(new URL(path, pathToFileURL(join(root, "build/index.js"))).href)) throw new Error(`no built file refers to ${path} as new URL(${JSON.stringify(path)}, import.meta.url): bundlers would not emit it`);
  }
}

execFileSync(process.execPath, [fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url)), "-p", "tsconfig.build.json"], {
  cwd: root,
  stdio: "inherit",
});
console.log("built build/index.js, build/browser.js, build/encodings/, build/inline/, build/worker.js, build/edge.js, build/train-worker.js, build/encode-worker.js, build/cli.js, build/types/");

// --- playground (issue 4): the page of `bytepair playground`, in build/playground/ ---------------
// The library is bundled into the page from src/. Its assets resolve beside the bundle
// (./bytepair.wasm, ./vocab/NAME.bpv); the playground server maps those paths to build/.
{
  const { copyFileSync } = await import("node:fs");
  await build({
    absWorkingDir: root,
    entryPoints: ["src/playground/main.ts"],
    outfile: "build/playground/app.js",
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external: ["node:*", ...PEERS], // node: only reached on file: URLs, never in the page
    logLevel: "warning",
  });
  // The training worker, beside app.js: the page starts it as new URL("./train-worker.js", import.meta.url),
  // and its engine loads from ./bytepair.wasm beside it, as the page's does.
  await build({
    absWorkingDir: root,
    entryPoints: ["src/playground/train-worker.ts"],
    outfile: "build/playground/train-worker.js",
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external: ["node:*"],
    logLevel: "warning",
  });
  for (const file of ["index.html", "style.css"]) {
    copyFileSync(new URL(`../src/playground/${file}`, import.meta.url), new URL(`../build/playground/${file}`, import.meta.url));
  }
  console.log("built build/playground/");
}

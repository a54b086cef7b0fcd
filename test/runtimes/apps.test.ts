// Fresh apps, as a new user makes them, each built from the package that `npm pack` makes (installed
// into the app from the tarball) with the tools of test/apps/ and no bundler configuration beyond
// what docs/runtimes.md tells a user: the pages in headless Chromium, the servers over HTTP on
// 127.0.0.1, every one giving tiktoken's ids for the texts it reports (test/apps/shared/tokenize.js).

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { copyFileSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { NODE_BIN, findBinary, removeFreshDirs, repoRoot, run } from "./harness.js";
import { CHROMIUM, launchChromium } from "./browsers.js";
import { bundleWorker, serveWorker, type RunningWorker } from "./workerd.js";
import { APPS_BIN, differencesFromTiktoken, freePort, freshApp, packTarball, removeRuns, serveStatic, startServerProcess, type Reported, type RunningServer } from "./apps.js";

// Builds with Next.js and webpack take tens of seconds each on two cores.
const BUILD_MS = 240_000;

let tarball = "";
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
const servers: Array<{ stop(): void }> = [];

beforeAll(async () => {
  tarball = await packTarball();
}, BUILD_MS);

afterAll(async () => {
  for (const server of servers) server.stop();
  await browser?.close();
  removeRuns();
  removeFreshDirs();
});

/** Loads `url` in Chromium; what the page reported, its errors, and the paths it requested. */
async function openPage(url: string) {
  if (findBinary(CHROMIUM, "apt-get install chromium").missing) throw new Error(`${CHROMIUM} is needed for the app pages (.ci/run installs it)`);
  browser ??= await launchChromium();
  const page = await browser.newPage();
  const errors: string[] = [];
  const requested: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(url);
  await page.waitForFunction(() => (window as { __bytepair?: unknown }).__bytepair !== undefined, undefined, { timeout: 60_000 });
  const reported = (await page.evaluate(() => (window as { __bytepair?: unknown }).__bytepair)) as Reported;
  await page.close();
  return { reported, errors, requested };
}

/** The vocabulary files (or, for bytepair/inline, modules) a page fetched. */
const vocabularies = (paths: string[]) => paths.filter((path) => /\.bpv$/.test(path) || /(r50k|p50k|cl100k|o200k)_base[^/]*\.js$/.test(path));

const RANK_FILES = ["r50k_base", "p50k_base", "cl100k_base", "o200k_base"];
// webpack names emitted files by their hash alone: those are known by their size.
const rankFileBySize = new Map(RANK_FILES.map((name) => [statSync(join(repoRoot, `build/vocab/${name}.bpv`)).size, name]));

/** The vocabularies a build wrote under `dir` (for the log: which ones each bundler emits). */
function emittedVocabularies(dir: string): string {
  const files = vocabularies(readdirSync(dir, { recursive: true, encoding: "utf8" }).map((path) => `/${path}`));
  const names = files.map((path) => RANK_FILES.find((name) => path.includes(name)) ?? rankFileBySize.get(statSync(join(dir, path)).size) ?? path);
  return [...new Set(names)].sort().join(", ");
}

// Each web app: how it is built (into dist/), and whether the vocabularies fetched are named.
const WEB_APPS = [
  { name: "vite", build: [["vite", "build"]], page: false },
  // Parcel would install any package it thinks missing into test/apps/ (the project root it finds by
  // the lock file there): --no-autoinstall makes that a failure; the cache goes with the fresh app.
  { name: "parcel", build: [["parcel", "build", "index.html", "--no-autoinstall", "--cache-dir", ".parcel-cache"]], page: false },
  { name: "webpack", build: [["webpack", "--mode", "production"]], page: true },
  { name: "rollup", build: [["rollup", "-c"]], page: true },
  { name: "esbuild", build: [["esbuild", "main.js", "--bundle", "--format=esm", "--splitting", "--outdir=dist"]], page: true },
];

describe("pages built by bundlers, in Chromium", () => {
  for (const app of WEB_APPS) {
    test(`${app.name}${app.name === "esbuild" ? " with bytepair/inline" : ""}: tiktoken's ids, fetching only the two vocabularies used`, async () => {
      const dir = await freshApp(app.name, tarball);
      const started = Date.now();
      for (const [tool, ...args] of app.build) await run(join(APPS_BIN, tool), args, { cwd: dir, timeoutMs: BUILD_MS });
      console.log(`${app.name}: built in ${((Date.now() - started) / 1000).toFixed(1)} s; vocabularies emitted: ${emittedVocabularies(join(dir, "dist"))}`);
      // The page that loads the bundle (Vite writes its own).
      if (app.page) copyFileSync(join(dir, "index.html"), join(dir, "dist/index.html"));
      const site = await serveStatic(join(dir, "dist"));
      servers.push({ stop: site.close });
      const { reported, errors } = await openPage(`${site.origin}/`);
      expect(differencesFromTiktoken(reported)).toBe("");
      expect(errors).toEqual([]);
      const fetched = vocabularies(site.requested);
      expect(fetched).toHaveLength(2);
      expect(fetched.filter((path) => /r50k|p50k/.test(path))).toEqual([]);
    }, BUILD_MS);
  }
});

// bytepair/encodings/NAME: where the app names its encoding by its import, the bundler can tell, and
// emits that one vocabulary (getEncoding's name is known only at run time, so above it emits four).
const ONE_ENCODING_APPS = [
  { name: "vite-one-encoding", encoding: "o200k_base", build: ["vite", "build"], page: false },
  { name: "webpack-one-encoding", encoding: "cl100k_base", build: ["webpack", "--mode", "production"], page: true },
];

describe("pages that import one encoding's entry, in Chromium", () => {
  for (const app of ONE_ENCODING_APPS) {
    test(`${app.name.split("-")[0]}: bytepair/encodings/${app.encoding} emits its vocabulary alone, with tiktoken's ids`, async () => {
      const dir = await freshApp(app.name, tarball);
      const [tool, ...args] = app.build;
      await run(join(APPS_BIN, tool), args, { cwd: dir, timeoutMs: BUILD_MS });
      expect(emittedVocabularies(join(dir, "dist"))).toBe(app.encoding);
      if (app.page) copyFileSync(join(dir, "index.html"), join(dir, "dist/index.html"));
      const site = await serveStatic(join(dir, "dist"));
      servers.push({ stop: site.close });
      const { reported, errors } = await openPage(`${site.origin}/`);
      expect(differencesFromTiktoken(reported, 6)).toBe("");
      expect(reported.results!.every((result) => result.encoding === app.encoding)).toBe(true);
      expect(errors).toEqual([]);
      expect(vocabularies(site.requested)).toHaveLength(1);
    }, BUILD_MS);
  }
});

// One app, built by each of Next's bundlers in a copy of its own (each has its own .next/). With
// webpack, the Node server bundle turns `new URL("./x", import.meta.url)` into a URL relative to
// /_next/, which no server can read from disk: the one line docs/runtimes.md gives keeps bytepair
// out of that bundle, so it reads its files from node_modules (edge routes and pages need nothing).
const NEXT_BUILDS = [
  { bundler: "Turbopack", build: ["build"], config: undefined },
  { bundler: "webpack", build: ["build", "--webpack"], config: 'export default { serverExternalPackages: ["bytepair"] };\n' },
];

for (const { bundler, build, config } of NEXT_BUILDS) {
  describe(`Next.js with ${bundler}: next ${build.join(" ")}, then next start on 127.0.0.1`, () => {
    let next: RunningServer | undefined;
    beforeAll(async () => {
      const dir = await freshApp("next", tarball, `next-${bundler.toLowerCase()}`);
      if (config) writeFileSync(join(dir, "next.config.mjs"), config);
      const env = { NEXT_TELEMETRY_DISABLED: "1" };
      const started = Date.now();
      await run(join(APPS_BIN, "next"), build, { cwd: dir, env, timeoutMs: BUILD_MS });
      console.log(`next ${build.join(" ")}: built in ${((Date.now() - started) / 1000).toFixed(1)} s; vocabularies emitted: ${emittedVocabularies(join(dir, ".next"))}`);
      const port = await freePort();
      next = await startServerProcess(join(APPS_BIN, "next"), ["start", "-H", "127.0.0.1", "-p", String(port)], { cwd: dir, port, env });
      servers.push(next);
    }, BUILD_MS);

    for (const route of ["node", "edge"]) {
      test(`the ${route} route (runtime ${route === "node" ? "nodejs" : "edge"}) answers tiktoken's ids`, async () => {
        const response = await fetch(`${next!.origin}/api/${route}`);
        const reported = (await response.json()) as Reported;
        expect(differencesFromTiktoken(reported)).toBe("");
        expect(response.status).toBe(200);
      });
    }

    test("an edge route that imports bytepair/encodings/o200k_base answers tiktoken's ids", async () => {
      const response = await fetch(`${next!.origin}/api/edge-one-encoding`);
      expect(differencesFromTiktoken((await response.json()) as Reported, 6)).toBe("");
      expect(response.status).toBe(200);
    });

    test("the page (a client component) gives tiktoken's ids in Chromium", async () => {
      const { reported, errors } = await openPage(`${next!.origin}/`);
      expect(differencesFromTiktoken(reported)).toBe("");
      expect(errors).toEqual([]);
    });
  });
}

test("Vercel's edge-runtime runs the edge function (bytepair/inline, one script) over HTTP", async () => {
  const dir = await freshApp("edge-runtime", tarball);
  await run(join(APPS_BIN, "esbuild"), ["edge.js", "--bundle", "--format=iife", "--platform=browser", "--conditions=edge-light,worker", "--outfile=dist/edge.js"], { cwd: dir });
  const port = await freePort();
  const server = await startServerProcess(process.execPath, ["serve.mjs", String(port)], { cwd: dir, port });
  servers.push(server);
  const response = await fetch(server.origin);
  expect(differencesFromTiktoken((await response.json()) as Reported)).toBe("");
}, BUILD_MS);

test('a host without WebAssembly (node --jitless): bytepair/inline with { engine: "js" } over HTTP', async () => {
  const dir = await freshApp("no-wasm", tarball);
  const port = await freePort();
  const server = await startServerProcess(process.execPath, ["--jitless", "server.mjs", String(port)], { cwd: dir, port });
  servers.push(server);
  const reported = (await (await fetch(server.origin)).json()) as Reported & { hasWebAssembly: boolean };
  expect(reported.hasWebAssembly).toBe(false);
  expect(differencesFromTiktoken(reported)).toBe("");
}, BUILD_MS);

test('require("bytepair") from CommonJS works in this Node (>= 20.19)', async () => {
  const [major, minor] = process.versions.node.split(".").map(Number);
  expect(major > 20 || (major === 20 && minor >= 19)).toBe(true);
  const dir = await freshApp("cjs", tarball);
  const stdout = await run(process.execPath, ["check.cjs"], { cwd: dir });
  expect(differencesFromTiktoken(JSON.parse(stdout.trim().split("\n").pop()!))).toBe("");
}, BUILD_MS);

test("a Cloudflare Worker with o200k_base alone fits 3 MB gzipped and loads it at startup (workerd)", async () => {
  const workerd = findBinary(join(NODE_BIN, "workerd"), "npm package workerd");
  if (workerd.missing) throw new Error(workerd.missing);
  const dir = await freshApp("workerd", tarball);
  const out = join(dir, "dist");
  const { mkdirSync } = await import("node:fs");
  mkdirSync(out);
  const modules = await bundleWorker(join(dir, "worker.js"), out);
  expect(modules.map((m) => `${m.name}:${m.kind}`).sort()).toEqual(["bytepair.wasm:wasm", "o200k_base.bpv:data", "worker.js:esModule"]);
  // The free plan's limit is on the upload, compressed: each module gzipped.
  const gzipped = readdirSync(out).filter((name) => modules.some((m) => m.name === name)).reduce((sum, name) => sum + gzipSync(readFileSync(join(out, name))).length, 0);
  console.log(`Worker with o200k_base: ${(gzipped / 1e6).toFixed(2)} MB gzipped`);
  expect(gzipped).toBeLessThan(3 * 1024 * 1024);
  // The tokenizer is awaited in module scope (worker.js): a Worker that answers has loaded it at startup.
  const worker: RunningWorker = await serveWorker(workerd.path, out, modules);
  servers.push(worker);
  expect(differencesFromTiktoken((await (await fetch(worker.origin)).json()) as Reported, 6)).toBe("");
}, BUILD_MS);

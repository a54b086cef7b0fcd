// What the app tests share: the package as `npm pack` makes it, fresh copies of the apps in
// test/apps/ with that tarball installed, a static server for their builds, servers started and
// waited for, and the comparison of what an app reports with tiktoken's ids.

import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { freshDir, repoRoot, run } from "./harness.js";
import { reference } from "../helpers/reference.js";

export const APPS = join(repoRoot, "test/apps");
/** The apps' tools: installed into test/apps/ by scripts/install-extras.mjs. */
export const APPS_BIN = join(APPS, "node_modules/.bin");
// Inside test/apps/, so that each app finds the tools in test/apps/node_modules by walking up.
const RUNS = join(APPS, ".run");

/** `npm pack` of the checkout as built (npm test builds first), into a temporary folder. */
export async function packTarball(): Promise<string> {
  const dir = freshDir("pack");
  await run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", dir], { timeoutMs: 120_000 });
  const [tarball] = readdirSync(dir).filter((name) => name.endsWith(".tgz"));
  return join(dir, tarball);
}

/**
 * A fresh copy of test/apps/NAME (and test/apps/shared/ inside it) with the tarball installed, in a
 * folder of its own named `as` (so one app can be built twice, e.g. by two bundlers).
 */
export async function freshApp(name: string, tarball: string, as = name): Promise<string> {
  mkdirSync(RUNS, { recursive: true });
  const dir = join(RUNS, `${as}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(APPS, name), dir, { recursive: true });
  cpSync(join(APPS, "shared"), join(dir, "shared"), { recursive: true });
  await run("npm", ["install", tarball, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--offline", "--loglevel=error"], { cwd: dir, timeoutMs: 120_000 });
  return dir;
}

export function removeRuns(): void {
  for (const name of readdirSync(RUNS, { withFileTypes: true }).map((d) => d.name)) {
    if (name.endsWith(`-${process.pid}`)) rmSync(join(RUNS, name), { recursive: true, force: true });
  }
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
};

export interface StaticServer {
  origin: string;
  /** Paths requested so far. */
  requested: string[];
  close(): void;
}

/** Serves the files of `dir` on 127.0.0.1, as any static host would. */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const requested: string[] = [];
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    requested.push(path);
    const file = normalize(join(dir, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(dir + sep)) return void response.writeHead(403).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, requested, close: () => server.close() };
}

export interface RunningServer {
  origin: string;
  output(): string;
  stop(): void;
}

/** Starts a server process (its own process group) and waits until `origin + ready` answers. */
export async function startServerProcess(command: string, args: string[], options: { cwd: string; port: number; ready?: string; env?: Record<string, string>; timeoutMs?: number }): Promise<RunningServer> {
  const child: ChildProcess = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  const origin = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(" ")} exited with ${child.exitCode}:\n${output}`);
    try {
      await fetch(origin + (options.ready ?? "/"));
      break;
    } catch {
      if (Date.now() > deadline) {
        stop();
        throw new Error(`${command} did not answer on ${origin}:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return { origin, output: () => output, stop };
}

/** A port free on 127.0.0.1 now. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface Reported {
  results?: Array<{ encoding: string; text: string; ids: number[] }>;
  error?: string;
}

/**
 * The texts whose ids differ from tiktoken's ("" when all match). An app reports the texts it
 * encoded (test/apps/shared/tokenize.js), so the expected ids are tiktoken's for those texts; an
 * error or a report of fewer results than expected is a failure too.
 */
export function differencesFromTiktoken(reported: Reported, expected = 12): string {
  if (reported.error) return `the app failed: ${reported.error}`;
  const results = reported.results ?? [];
  if (results.length !== expected) return `the app reported ${results.length} results, expected ${expected}`;
  return results
    .filter(({ encoding, text, ids }) => JSON.stringify(ids) !== JSON.stringify(Array.from(reference(encoding).encode(text, "all"))))
    .map(({ encoding, text }) => `${encoding}: ${JSON.stringify(text)}`)
    .join("\n");
}

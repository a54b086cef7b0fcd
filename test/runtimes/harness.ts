// What the runtime tests share: where each runtime's binary is, the parity sample written where
// child processes can read it, and running a child with a deadline.

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./server.js";
import { buildParitySample, type ParitySample } from "./parity-sample.js";
import type { ParityResult } from "./parity-check.mjs";

export { repoRoot };

/** A runtime's binary, or why it is missing: the tests then skip with that message (also printed). */
export function findBinary(path: string, hint: string): { path: string; missing?: string } {
  if (existsSync(path)) return { path };
  const missing = `${path} not found (${hint}); skipping its runtime tests`;
  console.warn(missing);
  return { path, missing };
}

// Deno, Bun, workerd and wrangler: installed into test/runtimes/ by scripts/install-extras.mjs.
export const NODE_BIN = join(repoRoot, "test/runtimes/node_modules/.bin");

const made: string[] = [];

/** A new temporary directory, removed by removeFreshDirs() (each test file's afterAll). */
export function freshDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `bytepair-${prefix}-`));
  made.push(dir);
  return dir;
}

export function removeFreshDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The sample, built once per test file, and a copy on disk for child processes. */
export function writeSample(): { sample: ParitySample; file: string } {
  const sample = buildParitySample();
  const file = join(freshDir("sample"), "sample.json");
  writeFileSync(file, JSON.stringify(sample));
  return { sample, file };
}

export function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: options.cwd ?? repoRoot, env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => (error ? reject(new Error(`${command} ${args.join(" ")} failed: ${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

/** The last line a parity script printed, parsed. */
export function parityOutput(stdout: string): ParityResult {
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}

/** Every text of every encoding matched: `checked` guards against a run that checked nothing. */
export function expectedParity(sample: ParitySample): ParityResult {
  return { checked: sample.texts.length * Object.keys(sample.expected).length, mismatches: [], mismatchCount: 0 };
}

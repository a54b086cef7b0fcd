// `bytepair bench`: it runs, prints its figures in the documented shape, counts the tokens tiktoken
// counts, and rejects bad usage. No timing is asserted (the figures are whatever this machine gives).

import { expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reference } from "../helpers/reference.js";

const cli = fileURLToPath(new URL("../../build/cli.js", import.meta.url));
const run = (args: string[]) => spawnSync(process.execPath, [cli, "bench", ...args], { encoding: "utf8" });

const TEXT = "Hello, world! naïve 日本語 👋 function f(x) { return x * 42; }\n".repeat(200);

test("the built-in sample: a table of encode, count and decode MB/s", () => {
  const { status, stdout, stderr } = run(["--runs", "1"]);
  expect(stderr).toBe("");
  expect(status).toBe(0);
  const lines = stdout.trim().split("\n");
  expect(lines[0]).toMatch(/^built-in sample: 1\.00 MB, o200k_base, median of 1 runs$/);
  expect(lines[1]).toMatch(/encode MB\/s\s+count MB\/s\s+decode MB\/s/);
  expect(lines[2]).toMatch(/^wasm(\s+\d+\.\d){3}$/);
  expect(lines[3]).toMatch(/^js(\s+\d+\.\d){3}$/);
  expect(lines[4]).toMatch(/^js\/wasm(\s+\d+\.\d\dx){3}$/);
  expect(lines[5]).toMatch(/^ids: equal \(\d+ tokens\)$/);
});

test("a user's file with --encoding and --json: the token count is tiktoken's", () => {
  const file = join(mkdtempSync(join(tmpdir(), "bytepair-bench-")), "input.txt");
  writeFileSync(file, TEXT);
  const { status, stdout } = run([file, "--encoding", "cl100k_base", "--runs", "2", "--json"]);
  expect(status).toBe(0);
  const report = JSON.parse(stdout);
  expect(report).toMatchObject({ input: file, bytes: Buffer.byteLength(TEXT), encoding: "cl100k_base", runs: 2 });
  expect(report.wasm.tokens).toBe(reference("cl100k_base").encode_ordinary(TEXT).length);
  for (const key of ["encodeMBps", "countMBps", "decodeMBps"]) expect(report.wasm[key]).toBeGreaterThan(0);
  expect(report).toMatchObject({ idsEqual: true, js: { tokens: report.wasm.tokens } });
});

test("bad usage exits 2, a missing file 1, each with a message", () => {
  for (const [args, status, message] of [
    [["--runs", "0"], 2, /--runs must be a whole number/],
    [["--nope"], 2, /unknown option --nope/],
    [["/nonexistent/file.txt"], 1, /^bytepair: cannot read "\/nonexistent\/file\.txt": no such file or directory\n$/],
    [["a.txt", "b.txt"], 2, /one input file only/],
    [["--encoding", "o300k", "--runs", "1"], 1, /Unknown encoding "o300k"/],
  ] as const) {
    const result = run([...args]);
    expect(result.status, args.join(" ")).toBe(status);
    expect(result.stderr).toMatch(message);
  }
});

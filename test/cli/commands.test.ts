// The `bytepair` command, run as users run it (node build/cli.js, which is the package's bin).

import { expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { reference } from "../helpers/reference.js";

const packageJson = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
const cli = fileURLToPath(new URL(`../../${packageJson.bin.bytepair}`, import.meta.url));

function run(args: string[], input?: string) {
  const { status, stdout, stderr } = spawnSync(process.execPath, [cli, ...args], { input, encoding: "utf8" });
  return { status, stdout, stderr };
}

const TEXT = "Hello, world! naïve 日本語 👋";

test("encode uses o200k_base by default, from an argument or standard input", () => {
  const expected = Array.from(reference("o200k_base").encode(TEXT)).join(" ") + "\n";
  expect(run(["encode", TEXT])).toMatchObject({ status: 0, stdout: expected });
  expect(run(["encode"], TEXT)).toMatchObject({ status: 0, stdout: expected });
  expect(run(["encode", "-"], TEXT)).toMatchObject({ status: 0, stdout: expected });
});

test("--encoding, --model, --json, count and decode", () => {
  const cl100k = Array.from(reference("cl100k_base").encode(TEXT));
  expect(run(["encode", "--encoding", "cl100k_base", "--json", TEXT]).stdout).toBe(JSON.stringify(cl100k) + "\n");
  expect(run(["encode", "--model=gpt-4", TEXT]).stdout).toBe(cl100k.join(" ") + "\n");
  expect(run(["count", "-e", "cl100k_base", TEXT]).stdout).toBe(`${cl100k.length}\n`);
  expect(run(["decode", "-e", "cl100k_base", ...cl100k.map(String)]).stdout).toBe(TEXT);
  expect(run(["decode", "-e", "cl100k_base"], JSON.stringify(cl100k)).stdout).toBe(TEXT);
});

test("special tokens are an error unless --allow-special", () => {
  const denied = run(["encode", "a<|endoftext|>"]);
  expect(denied.status).toBe(1);
  expect(denied.stderr).toContain("<|endoftext|>");
  expect(run(["encode", "--allow-special", "a<|endoftext|>"]).stdout).toBe(
    Array.from(reference("o200k_base").encode("a<|endoftext|>", "all")).join(" ") + "\n",
  );
});

test("bad usage exits non-zero with a message", () => {
  for (const [args, status, message] of [
    [["frobnicate"], 2, /unknown command/],
    [["encode", "--nope", "x"], 2, /unknown option --nope/],
    [["encode", "--encoding"], 2, /needs a value/],
    [["encode", "--encoding", "o300k", "x"], 1, /Unknown encoding "o300k"/],
    [["encode", "--model", "gpt-0", "x"], 1, /No known encoding for model "gpt-0"/],
    [["decode", "12", "x"], 2, /not a token id: "x"/],
    [["decode", "99999999"], 1, /Token id 99999999 at index 0/],
  ] as const) {
    const result = run([...args]);
    expect(result.status, args.join(" ")).toBe(status);
    expect(result.stderr).toMatch(message);
  }
  expect(run(["--help"])).toMatchObject({ status: 0, stdout: expect.stringContaining("Usage:") });
});

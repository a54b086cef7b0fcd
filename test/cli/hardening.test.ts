// The `bytepair` command on bad paths, interruptions and bad input, run as users run it
// (node build/cli.js): it never destroys a file, never hangs, and fails with one line.

import { afterAll, expect, test } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../../build/cli.js", import.meta.url));
const packageJson = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
const root = mkdtempSync(join(tmpdir(), "bytepair-cli-hardening-"));
afterAll(() => rmSync(root, { recursive: true, force: true })); // tens of MB of large inputs
let dirs = 0;
const newDir = () => {
  const dir = join(root, `d${dirs++}`);
  mkdirSync(dir);
  return dir;
};

function run(args: string[], options: { input?: string | Buffer; cwd?: string } = {}) {
  const { status, stdout, stderr } = spawnSync(process.execPath, [cli, ...args], { ...options, encoding: "utf8", timeout: 60_000 });
  return { status, stdout, stderr };
}

/** One line, `bytepair: ...`, and no stack trace. */
function expectOneLineError(result: { status: number | null; stderr: string }, status: number, message: RegExp) {
  expect(result.status, result.stderr).toBe(status);
  expect(result.stderr).toMatch(/^bytepair: [^\n]*\n$/);
  expect(result.stderr).toMatch(message);
}

// Pseudo-random words, so that encoding takes a while (no piece repeats often enough to be cached).
function largeText(bytes: number): string {
  const words: string[] = [];
  let x = 1;
  for (let size = 0; size < bytes; ) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const word = (x % 100000).toString(36);
    words.push(word);
    size += word.length + 1;
  }
  return words.join(" ");
}

test("encode-file refuses an output that is its input, also through a symbolic or hard link", () => {
  const dir = newDir();
  const input = join(dir, "in.txt");
  writeFileSync(input, "some text to keep\n");
  symlinkSync(input, join(dir, "symlink.npy"));
  linkSync(input, join(dir, "hardlink.npy"));
  for (const out of [input, join(dir, "symlink.npy"), join(dir, "hardlink.npy"), join(dir, ".", "in.txt")]) {
    expectOneLineError(run(["encode-file", input, "-o", out]), 1, /refusing to write .* it is the input file/);
    expect(readFileSync(input, "utf8")).toBe("some text to keep\n");
  }
  // The .bin's sidecar is an output too.
  const sidecarInput = join(dir, "ids.bin.json");
  writeFileSync(sidecarInput, "text\n");
  expectOneLineError(run(["encode-file", sidecarInput, "-o", join(dir, "ids.bin")]), 1, /refusing to write .*ids\.bin\.json/);
  expect(readFileSync(sidecarInput, "utf8")).toBe("text\n");
  expect(readdirSync(dir).sort()).toEqual(["hardlink.npy", "ids.bin.json", "in.txt", "symlink.npy"]);
});

test("a failing encode-file run leaves an earlier good output as it was, and no temporary files", () => {
  const dir = newDir();
  const good = join(dir, "good.txt");
  writeFileSync(good, "hello world\n".repeat(1000));
  const bad = join(dir, "bad.txt");
  writeFileSync(bad, "hello world\n".repeat(1000) + "<|endoftext|>");
  for (const out of [join(dir, "ids.npy"), join(dir, "ids.bin")]) {
    expect(run(["encode-file", good, "-o", out]).status).toBe(0);
    const files = readdirSync(dir).sort();
    const before = files.map((f) => readFileSync(join(dir, f)));
    for (const workers of ["0", "2"]) {
      const failed = run(["encode-file", bad, "-o", out, "--workers", workers]);
      expect(failed.status, failed.stderr).toBe(1);
      expect(readdirSync(dir).sort()).toEqual(files);
      files.forEach((f, i) => expect(readFileSync(join(dir, f)).equals(before[i]), f).toBe(true));
    }
  }
});

test("SIGINT or SIGTERM in the middle of encode-file leaves no partial file and the old output intact", async () => {
  const dir = newDir();
  const input = join(dir, "large.txt");
  writeFileSync(input, largeText(24_000_000));
  const out = join(dir, "ids.npy");
  writeFileSync(out, "an earlier output");
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    const child = spawn(process.execPath, [cli, "encode-file", input, "-o", out, "--workers", "1"], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      if (stderr.includes("%") && child.signalCode === null && !child.killed) child.kill(signal); // after the first progress
    });
    const status = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    expect(stderr).not.toMatch(/wrote \d+ tokens/); // it was interrupted, not finished
    expect(status, stderr).toBe(signal === "SIGINT" ? 130 : 143);
    expect(readdirSync(dir).sort()).toEqual(["ids.npy", "large.txt"]);
    expect(readFileSync(out, "utf8")).toBe("an earlier output");
  }
}, 120_000);

test("missing, directory and unwritable paths: one line, exit 1, checked before any work", () => {
  const dir = newDir();
  const input = join(dir, "in.txt");
  writeFileSync(input, "hello\n");
  const cases: [string[], RegExp][] = [
    [["encode-file", join(dir, "missing.txt"), "-o", join(dir, "x.npy")], /cannot read ".*missing\.txt": no such file or directory/],
    [["encode-file", dir, "-o", join(dir, "x.npy")], /cannot read .*: it is a directory, not a file/],
    [["encode-file", input, "-o", dir], /cannot write .*: it is a directory/],
    [["encode-file", input, "-o", join(dir, "no", "such", "dir", "x.npy")], /cannot write .*x\.npy": no such file or directory/],
    [["encode-file", input, "-o", join(input, "x.npy")], /cannot write .*: a part of the path is not a directory/],
    [["train", join(dir, "missing.txt"), "--vocab-size", "300", "--out", join(dir, "t")], /cannot read ".*missing\.txt"/],
    [["train", dir, "--vocab-size", "300", "--out", join(dir, "t")], /it is a directory, not a file/],
    [["bench", join(dir, "missing.txt")], /cannot read ".*missing\.txt"/],
    [["compare", dir], /it is a directory, not a file/],
  ];
  for (const [args, message] of cases) expectOneLineError(run(args), 1, message);
  expect(readdirSync(dir)).toEqual(["in.txt"]);
});

const root_ = process.getuid?.() === 0; // root may write anywhere: permissions cannot be tested
test.skipIf(root_)("an unwritable output directory is one line and exit 1", () => {
  const dir = newDir();
  const input = join(dir, "in.txt");
  writeFileSync(input, "hello\n");
  const locked = join(dir, "locked");
  mkdirSync(locked);
  chmodSync(locked, 0o555);
  expectOneLineError(run(["encode-file", input, "-o", join(locked, "x.npy")]), 1, /cannot write .*: permission denied/);
  expectOneLineError(run(["train", input, "--vocab-size", "300", "--out", join(locked, "sub")]), 1, /cannot create .*: permission denied/);
  chmodSync(locked, 0o755);
});

test("train --out that is a file or impossible fails before training, and never hangs", () => {
  const dir = newDir();
  const input = join(dir, "corpus.txt");
  writeFileSync(input, largeText(200_000));
  const file = join(dir, "a-file");
  writeFileSync(file, "keep");
  const impossible = [[file, /cannot write into .*: it is not a directory/], [join(file, "sub"), /a part of the path is not a directory/]] as [string, RegExp][];
  // Under /proc every mkdir fails with ENOENT; recursive mkdir loops forever on that.
  if (existsSync("/proc/self")) impossible.push(["/proc/no-such-dir/out", /cannot create "\/proc\/no-such-dir\/out"/]);
  for (const [out, message] of impossible) {
    const started = Date.now();
    const result = run(["train", input, "--vocab-size", "2000", "--out", out]);
    expectOneLineError(result, 1, message); // one line: no progress, no summary
    expect(Date.now() - started).toBeLessThan(30_000);
  }
  expect(readFileSync(file, "utf8")).toBe("keep");
  // The input is never an output.
  writeFileSync(join(dir, "vocab.tiktoken"), "text to train on, not to replace");
  expectOneLineError(run(["train", "vocab.tiktoken", "--vocab-size", "300", "--force"], { cwd: dir }), 1, /refusing to write .*it is the input file/);
  expect(readFileSync(join(dir, "vocab.tiktoken"), "utf8")).toBe("text to train on, not to replace");
});

test("train without --out keeps an existing ./tokenizer.json unless --force", () => {
  const dir = newDir();
  writeFileSync(join(dir, "corpus.txt"), "hello world, hello there\n".repeat(50));
  writeFileSync(join(dir, "tokenizer.json"), "mine");
  const refused = run(["train", "corpus.txt", "--vocab-size", "300"], { cwd: dir });
  expectOneLineError(refused, 1, /tokenizer\.json already in the current directory; pass --out DIR .* or --force/);
  expect(readFileSync(join(dir, "tokenizer.json"), "utf8")).toBe("mine");
  expect(readdirSync(dir).sort()).toEqual(["corpus.txt", "tokenizer.json"]);
  const forced = run(["train", "corpus.txt", "--vocab-size", "300", "--force"], { cwd: dir });
  expect(forced.status, forced.stderr).toBe(0);
  expect(JSON.parse(readFileSync(join(dir, "tokenizer.json"), "utf8")).model.type).toBe("BPE");
  expect(readdirSync(dir).sort()).toEqual(["corpus.txt", "merges.txt", "specials.json", "tokenizer.json", "vocab.json", "vocab.tiktoken"]);
  expect(run(["train", "--help"]).stdout).toMatch(/--force/);
});

test("standard output closed early (encode | head -c 10) ends quietly with status 0", async () => {
  const child = spawn(process.execPath, [cli, "encode"], { stdio: ["pipe", "pipe", "pipe"] });
  child.stdin.end(largeText(3_000_000));
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  child.stdout.once("data", () => child.stdout.destroy()); // as head does after its 10 bytes
  const status = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  expect(stderr).toBe("");
  expect(status).toBe(0);
}, 60_000);

test("a usage error is one line and where to find the usage; --help per command; --version", () => {
  const unknown = run(["encode", "--nope", "x"]);
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toBe("bytepair: unknown option --nope\nrun `bytepair encode --help` for usage\n");
  expect(run(["frobnicate"]).stderr).toMatch(/^bytepair: unknown command "frobnicate".*\nrun `bytepair --help` for usage\n$/);
  for (const command of ["encode", "decode", "count", "train", "encode-file", "compare", "playground", "bench"]) {
    for (const flag of ["--help", "-h"]) {
      const help = run([command, flag]);
      expect(help.status, `${command} ${flag}`).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage:\\n  bytepair ${command} `));
      expect(help.stdout.match(/^ {2}bytepair /gm)).toHaveLength(1); // that command's usage only
    }
  }
  expect(run(["--version"])).toMatchObject({ status: 0, stdout: `${packageJson.version}\n` });
});

test("--model with --encoding is a usage error", () => {
  for (const args of [["encode", "--model", "gpt-4", "--encoding", "o200k_base", "hi"], ["count", "-e", "gpt2", "-m", "gpt-4o", "hi"], ["encode-file", "x.txt", "-o", "x.npy", "-m", "gpt-4", "-e", "gpt2"]]) {
    const result = run(args);
    expect(result.status, args.join(" ")).toBe(2);
    expect(result.stderr).toMatch(/^bytepair: --encoding and --model both choose the encoding/);
  }
});

test("a disallowed special token names the CLI's flags and its byte offset and line", () => {
  const text = "naïve\nline two <|endoftext|>";
  const denied = run(["encode"], { input: text });
  expectOneLineError(denied, 1, /"<\|endoftext\|>" at byte 16 \(line 2\); pass --allow-special or --special "<\|endoftext\|>"/);
  expect(denied.stderr).not.toMatch(/allowedSpecial/);
  expect(run(["count", "--special", "<|endoftext|>"], { input: text })).toMatchObject({ status: 0, stdout: expect.stringMatching(/^\d+\n$/) });
});

test("invalid UTF-8 input is replaced by U+FFFD with a one-line warning; encode-file progress stays at most 100%", () => {
  const bytes = Buffer.concat([Buffer.from("ok é "), Buffer.from([0xff, 0xfe]), Buffer.from(" more")]);
  for (const command of ["encode", "count"]) {
    const result = run([command], { input: bytes });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("bytepair: warning: standard input is not valid UTF-8 (first at byte 6); invalid bytes were replaced by U+FFFD\n");
  }
  expect(run(["encode"], { input: "valid ✓" }).stderr).toBe("");
  const dir = newDir();
  const input = join(dir, "bad.txt");
  // Each 0xff becomes U+FFFD, 3 bytes of UTF-8: the text is 3 times the file.
  writeFileSync(input, Buffer.concat([Buffer.from("start "), Buffer.alloc(2_000_000, 0xff)]));
  const result = run(["encode-file", input, "-o", join(dir, "ids.npy"), "--workers", "0"]);
  expect(result.status, result.stderr).toBe(0);
  expect(result.stderr).toContain(`bytepair: warning: ${input} is not valid UTF-8 (first at byte 6); invalid bytes were replaced by U+FFFD`);
  const percents = [...result.stderr.matchAll(/(\d+)% (\d+\.\d)\/(\d+\.\d) MB/g)];
  expect(percents.length).toBeGreaterThan(0);
  for (const [, percent, done, total] of percents) {
    expect(Number(percent)).toBeLessThanOrEqual(100);
    expect(Number(done)).toBeLessThanOrEqual(Number(total));
  }
  // train reads the file's bytes as encode-file does, and says so too.
  const trained = run(["train", input, "--vocab-size", "260", "--out", join(dir, "trained")]);
  expect(trained.status, trained.stderr).toBe(0);
  expect(trained.stderr).toContain(`bytepair: warning: ${input} is not valid UTF-8 (first at byte 6); invalid bytes were replaced by U+FFFD`);
  writeFileSync(input, "valid ✓ text");
  expect(run(["train", input, "--vocab-size", "260", "--out", join(dir, "trained-valid")]).stderr).not.toMatch(/warning/);
});

test("errors about option values name the CLI's flags, not the library's options", () => {
  const tooSmall = run(["train", "corpus.txt", "--vocab-size", "257", "--special", "<|a|>", "--special", "<|b|>"]);
  expect(tooSmall.status).toBe(2);
  expect(tooSmall.stderr).toMatch(/^bytepair: --vocab-size must be from 258 \(2 --special tokens \+ 256 bytes\)/);
  expect(tooSmall.stderr).not.toMatch(/vocabSize/);
  const dtype = run(["encode-file", "in.txt", "-o", "out.npy", "--dtype", "u8"]);
  expect(dtype.status).toBe(2);
  expect(dtype.stderr).toMatch(/^bytepair: --dtype must be uint16 or uint32, got "u8"/);
});

test("SIGINT during train removes what the run made: its temporary files and the directories it created", async () => {
  const dir = newDir();
  writeFileSync(join(dir, "large.txt"), largeText(20_000_000));
  const child = spawn(process.execPath, [cli, "train", "large.txt", "--vocab-size", "5000", "--out", "new/sub"], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
    if (stderr.includes("%") && !child.killed) child.kill("SIGINT");
  });
  const status = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  expect(stderr).not.toMatch(/^trained /m);
  expect(status, stderr).toBe(130);
  expect(readdirSync(dir)).toEqual(["large.txt"]);
}, 120_000);

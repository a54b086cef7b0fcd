// A large corpus the tuning never saw, for bench/encode-file.mjs: the text files of a source tree from
// a Debian package (the Linux kernel's by default: `apt-get install linux-source-6.1`), each file's
// bytes as they are, joined by <|endoftext|>, up to --mb MB.
//
//   node bench/source-corpus.mjs [--tar /usr/src/linux-source-6.1.tar.xz] [--mb 1000] [--out FILE]

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeSync, closeSync } from "node:fs";
import { join } from "node:path";
import { argValue } from "./util.mjs";

const tar = argValue("--tar", "/usr/src/linux-source-6.1.tar.xz");
const mb = Number(argValue("--mb", "1000"));
const out = argValue("--out", `/tmp/bytepair-source-corpus-${mb}MB.txt`);
const tree = "/tmp/bytepair-source-tree";
const TEXT = /\.(c|h|S|rs|py|sh|pl|rst|txt|md|json|yaml|dts|dtsi)$|^(Makefile|Kconfig.*|README|MAINTAINERS)$/;

if (!existsSync(tar)) throw new Error(`${tar} is missing: apt-get install linux-source-6.1 (or pass --tar)`);
if (!existsSync(tree)) {
  mkdirSync(tree, { recursive: true });
  execFileSync("tar", ["xf", tar, "-C", tree]);
}
const fd = openSync(out, "w");
const separator = Buffer.from("<|endoftext|>");
let written = 0;
let files = 0;
function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    if (written >= mb * 1e6) return;
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) walk(path);
    else if (st.isFile() && TEXT.test(name) && st.size < 4e6) {
      const bytes = readFileSync(path);
      writeSync(fd, bytes);
      writeSync(fd, separator);
      written += bytes.length + separator.length;
      files++;
    }
  }
}
// Repeated passes only if the tree is smaller than asked for (said on stderr: the cache then warms).
for (let pass = 0; written < mb * 1e6 && pass < 5; pass++) {
  if (pass > 0) process.stderr.write(`source-corpus: the tree holds less than ${mb} MB of text; pass ${pass + 1} repeats it\n`);
  walk(tree);
}
closeSync(fd);
console.log(`${out}: ${(written / 1e6).toFixed(0)} MB, ${files} files from ${tar}`);

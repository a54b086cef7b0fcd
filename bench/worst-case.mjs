// Worst-case inputs: text with nowhere to split, so one giant piece goes to the merge loop (or, for
// spaces and digits, a long run of tiny pieces). Encode time at 100 KB and 1 MB, median of 5, for
// bytepair and tiktoken. Each engine and input runs in a child process with a time cap, because
// tiktoken is quadratic on some of these inputs (minutes at 1 MB).
//
//   npm run bench:worst      (node bench/worst-case.mjs [--encoding o200k_base] [--runs 5] [--cap 20]
//                             [--engines bytepair,tiktoken] [--bytepair-build build])

import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { argValue, median, machine } from "./util.mjs";
import { base64 } from "./inputs.mjs";

const encoding = argValue("--encoding", "o200k_base");
const runs = Number(argValue("--runs", "5"));
const capSeconds = Number(argValue("--cap", "20"));
const engines = argValue("--engines", "bytepair,tiktoken").split(",");
const build = argValue("--bytepair-build", fileURLToPath(new URL("../build", import.meta.url)));
const sizes = [100_000, 1_000_000];

/** Inputs of `n` UTF-8 bytes. */
const inputs = {
  'repeated "a"': (n) => "a".repeat(n),
  "random base64": base64,
  "digits": (n) => "0123456789".repeat(n / 10),
  "one CJK char repeated": (n) => "中".repeat(Math.round(n / 3)),
  "spaces": (n) => " ".repeat(n),
};

// Child: time one engine on one input; prints the median ms.
if (process.argv[2] === "--child") {
  const [, , , engine, label, size] = process.argv;
  const text = inputs[label](Number(size));
  let encode;
  if (engine === "bytepair") {
    const { getEncoding } = await import(pathToFileURL(resolve(build, "index.js")).href);
    const tok = await getEncoding(encoding);
    encode = (t) => tok.encodeOrdinary(t);
  } else {
    const { get_encoding } = await import("tiktoken");
    const tok = get_encoding(encoding);
    encode = (t) => tok.encode_ordinary(t);
  }
  encode(text); // warm-up (and the first timing when it is slow)
  const times = Array.from({ length: runs }, () => {
    const t0 = performance.now();
    encode(text);
    return performance.now() - t0;
  });
  console.log(median(times).toFixed(2));
  process.exit(0);
}

console.log(`# worst-case encode time, ${encoding}, median of ${runs}; each cell a child process capped at ${capSeconds} s`);
console.log(machine());
console.log(`command: node bench/worst-case.mjs --encoding ${encoding} --runs ${runs} --cap ${capSeconds}\n`);
const columns = engines.flatMap((e) => sizes.map((s) => `${e} ${s / 1000} KB`));
console.log(`| input | ${columns.join(" | ")} |`);
console.log(`|---|${columns.map(() => "---:").join("|")}|`);
for (const label of Object.keys(inputs)) {
  const cells = [];
  for (const engine of engines) {
    let skip = false;
    for (const size of sizes) {
      if (skip) {
        cells.push("skipped");
        continue;
      }
      const child = spawnSync(
        process.execPath,
        [fileURLToPath(import.meta.url), "--child", engine, label, String(size), ...process.argv.slice(2)],
        { encoding: "utf8", timeout: capSeconds * 1000 },
      );
      if (child.error?.code === "ETIMEDOUT" || child.signal) {
        cells.push(`> ${capSeconds} s`);
        skip = true; // the larger size would take longer still
      } else if (child.status !== 0) {
        cells.push(`failed: ${(child.stderr.trim().split("\n").find((l) => /Error/.test(l)) ?? "exit " + child.status).slice(0, 60)}`);
      } else {
        cells.push(`${child.stdout.trim()} ms`);
      }
    }
  }
  console.log(`| ${label} | ${cells.join(" | ")} |`);
}

// Encode (or count) throughput of one or more builds on the peers benchmark's sample (bench/inputs.mjs:
// six corpora, 256 KB each, cut into 1-4 KB documents), each build in its own fresh process, in the
// peers benchmark's order (every corpus once per pass, so the caches see all of them), the builds
// taking turns for --rounds. Each corpus's figure is its best pass: on a shared machine the best pass is
// the one that ran uncontended, which makes before/after comparisons steadier than medians. Used for
// the figures of docs/performance.md section 9.
//
//   npm run bench:sample -- --builds build,/tmp/old-build [--encoding o200k_base] [--passes 20] [--rounds 2] [--op count]

import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { argValue, machine } from "./util.mjs";

const child = process.argv.includes("--child");

if (child) {
  const { corpusSample } = await import("./inputs.mjs");
  const { getEncoding } = await import(pathToFileURL(resolve(argValue("--build", "build"), "index.js")).href);
  const tok = await getEncoding(argValue("--encoding", "o200k_base"));
  const op = argValue("--op", "encode");
  const passes = Number(argValue("--passes", "20"));
  const sample = corpusSample(256);
  const best = sample.map(() => Infinity);
  for (let pass = 0; pass <= passes; pass++) {
    for (const [c, { docs }] of sample.entries()) {
      const t0 = performance.now();
      for (const d of docs) tok[op](d);
      if (pass > 0) best[c] = Math.min(best[c], performance.now() - t0); // pass 0 warms up
    }
  }
  const total = sample.reduce((n, s) => n + s.bytes, 0);
  const mbps = { all: total / 1e3 / best.reduce((a, b) => a + b, 0) };
  for (const [c, s] of sample.entries()) mbps[s.corpus] = s.bytes / 1e3 / best[c];
  console.log(JSON.stringify(mbps));
} else {
  const builds = argValue("--builds", "build").split(",");
  const rounds = Number(argValue("--rounds", "2"));
  const pass = ["--encoding", "--op", "--passes"].flatMap((flag) => (process.argv.includes(flag) ? [flag, argValue(flag, "")] : []));
  const rows = [];
  for (let round = 0; round < rounds; round++) {
    for (const build of builds) {
      const args = [fileURLToPath(import.meta.url), "--child", "--build", build, ...pass];
      const r = spawnSync(process.execPath, args, { encoding: "utf8" });
      if (r.status !== 0) throw new Error(r.stderr);
      rows.push({ build, mbps: JSON.parse(r.stdout) });
    }
  }
  const corpora = Object.keys(rows[0].mbps);
  console.log(`# ${argValue("--op", "encode")} MB/s, ${argValue("--encoding", "o200k_base")}, peers-bench sample, best of ${argValue("--passes", "20")} passes per corpus`);
  console.log(machine());
  console.log(`command: node bench/sample-ab.mjs ${process.argv.slice(2).join(" ")}`);
  console.log(`\n| build | round | ${corpora.join(" | ")} |\n|---|---:|${corpora.map(() => "---:").join("|")}|`);
  rows.forEach(({ build, mbps }, i) => console.log(`| ${build} | ${Math.floor(i / builds.length) + 1} | ${corpora.map((c) => mbps[c].toFixed(1)).join(" | ")} |`));
}

// Cold start: a fresh Node process that imports bytepair and encodes one word with o200k_base;
// the time from before the import to the first token, measured inside the child (so Node's own
// start-up is not counted), and the whole process's wall time. Median of --runs (10) processes.
//
//   npm run bench:cold       (node bench/cold-start.mjs [--runs 10] [--encoding o200k_base] [--build build])

import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { argValue, median, machine } from "./util.mjs";

const runs = Number(argValue("--runs", "10"));
const encoding = argValue("--encoding", "o200k_base");
const build = argValue("--build", fileURLToPath(new URL("../build", import.meta.url)));
const flags = argValue("--node-flags", "").split(" ").filter(Boolean);

const child = `
const t0 = performance.now();
const { getEncoding } = await import(${JSON.stringify(pathToFileURL(resolve(build, "index.js")).href)});
const t1 = performance.now();
const tok = await getEncoding(${JSON.stringify(encoding)});
const t2 = performance.now();
tok.encode("hello");
const t3 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, loadMs: t2 - t1, firstEncodeMs: t3 - t2, totalMs: t3 - t0 }));
`;

const results = [];
const walls = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...flags, "--input-type=module", "-e", child], { encoding: "utf8" });
  walls.push(performance.now() - t0);
  if (r.status !== 0) throw new Error(r.stderr);
  results.push(JSON.parse(r.stdout));
}
const m = (k) => median(results.map((x) => x[k])).toFixed(1);
console.log(`# cold start, ${encoding}, median of ${runs} fresh processes ${flags.join(" ")}`);
console.log(machine());
console.log(`import ${m("importMs")} ms | getEncoding ${m("loadMs")} ms | first encode ${m("firstEncodeMs")} ms | import -> first token ${m("totalMs")} ms | process wall ${median(walls).toFixed(1)} ms`);

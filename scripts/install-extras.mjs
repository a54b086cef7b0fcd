// Installs the package folders beside the library's own: the benchmark peers (bench/), the real model
// files (test/models/), the runtimes the runtime tests drive (test/runtimes/) and the bundlers and
// frameworks the app tests build with (test/apps/). Each has its own
// package.json and package-lock.json, so the library's package.json lists only what building and the
// fast tests need. A folder whose install is as new as its lock file is skipped.
//
//   node scripts/install-extras.mjs [bench|models|runtimes|apps ...]   (default: all four)

import { execFileSync } from "node:child_process";
import { existsSync, statSync, utimesSync } from "node:fs";
import { fileURLToPath } from "node:url";

const FOLDERS = { bench: "bench", models: "test/models", runtimes: "test/runtimes", apps: "test/apps" };
const root = fileURLToPath(new URL("../", import.meta.url));

const asked = process.argv.slice(2);
for (const name of asked) {
  if (!(name in FOLDERS)) {
    console.error(`install-extras: unknown folder ${JSON.stringify(name)}; expected one of ${Object.keys(FOLDERS).join(", ")}`);
    process.exit(2);
  }
}
for (const name of asked.length ? asked : Object.keys(FOLDERS)) {
  const dir = root + FOLDERS[name];
  if (upToDate(dir)) continue;
  console.log(`install-extras: npm install in ${FOLDERS[name]}/`);
  // `install`, not `ci`: bench's @anysphere/tiktoken-node names optional platform packages that the
  // registry lacks, so its lock cannot list them and `npm ci` refuses it; `install` follows the lock.
  // Windows runs npm through its .cmd shim, which needs a shell.
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: "inherit", shell: process.platform === "win32" });
  // npm leaves its record alone when nothing changed: mark it done, or every later run would install again.
  const now = new Date();
  utimesSync(`${dir}/node_modules/.package-lock.json`, now, now);
}

/** Whether npm's record of what it installed is newer than the lock and the package file. */
function upToDate(dir) {
  const installed = `${dir}/node_modules/.package-lock.json`;
  if (!existsSync(installed)) return false;
  const at = statSync(installed).mtimeMs;
  return [`${dir}/package.json`, `${dir}/package-lock.json`].every((file) => !existsSync(file) || statSync(file).mtimeMs <= at);
}

// Output files that appear whole or not at all. Each is written to a temporary file beside its final
// name (.NAME.tmp-PID-RANDOM) and renamed onto it only when the whole run succeeded, so an earlier
// good output survives a failed or interrupted run. On an error, on exit and on SIGINT/SIGTERM the
// temporary files this run made (and directories it made) are removed, nothing else.

import { closeSync, mkdirSync, openSync, renameSync, rmdirSync, rmSync, statSync } from "node:fs";
import { constants } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { fsError } from "./errors.js";

export class OutputFiles {
  private readonly files: { temp: string; final: string }[] = [];
  private readonly createdDirs: string[] = []; // deepest first
  private settled = false;
  private readonly onExit = () => this.discard();
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.discard();
    process.stderr.write(`\nbytepair: interrupted (${signal}); the unfinished output was removed\n`);
    process.exit(128 + (constants.signals[signal] ?? 1));
  };

  constructor() {
    process.on("exit", this.onExit);
    process.on("SIGINT", this.onSignal);
    process.on("SIGTERM", this.onSignal);
  }

  /** Creates `dir` and its missing parents; discard() removes those it created (when still empty).
   * One level at a time: mkdirSync's recursive mode loops forever where a parent's mkdir keeps
   * failing with ENOENT (as under /proc). */
  makeDir(dir: string): void {
    const missing: string[] = [];
    for (let d = resolve(dir); !exists(d) && dirname(d) !== d; d = dirname(d)) missing.push(d);
    for (const d of [...missing].reverse()) {
      try {
        mkdirSync(d);
      } catch (e) {
        throw fsError("create", dir, e);
      }
      this.createdDirs.unshift(d);
    }
  }

  /** Creates the empty temporary file of `final` (which proves its directory can be written) and
   * returns its path. */
  create(final: string): string {
    const temp = join(dirname(final), `.${basename(final)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
    try {
      closeSync(openSync(temp, "wx"));
    } catch (e) {
      throw fsError("write", final, e);
    }
    this.files.push({ temp, final });
    return temp;
  }

  /** A temporary file that something else creates (a writer's sidecar), renamed with the others. */
  expect(temp: string, final: string): void {
    this.files.push({ temp, final });
  }

  /** Renames every temporary file onto its final name, in order (synchronously: no signal handler
   * can run between two renames). */
  commit(): void {
    try {
      for (const { temp, final } of this.files) renameSync(temp, final);
    } catch (e) {
      throw fsError("write", this.files.find(({ temp }) => exists(temp))?.final ?? "output", e);
    }
    this.settle();
  }

  /** Removes the temporary files (and directories) this run made. Idempotent. */
  discard(): void {
    if (this.settled) return;
    for (const { temp } of this.files) rmSync(temp, { force: true });
    for (const dir of this.createdDirs) {
      try {
        rmdirSync(dir);
      } catch {
        // not empty (someone else's files) or gone: leave it
      }
    }
    this.settle();
  }

  private settle(): void {
    this.settled = true;
    process.off("exit", this.onExit);
    process.off("SIGINT", this.onSignal);
    process.off("SIGTERM", this.onSignal);
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

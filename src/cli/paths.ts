// The checks every command makes on its paths before any long work starts: an input must be a
// readable file, an output must not be a directory, a device or one of the inputs.

import { closeSync, openSync, realpathSync, statSync, type Stats } from "node:fs";
import { quote } from "../errors.js";
import { CliError, fsError } from "./errors.js";

export interface InputFile {
  path: string;
  stats: Stats;
}

/** The input file, checked: it exists, is not a directory, and (a regular file) can be opened. */
export function checkInputFile(path: string): InputFile {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (e) {
    throw fsError("read", path, e);
  }
  if (stats.isDirectory()) throw new CliError(`cannot read ${quote(path)}: it is a directory, not a file`);
  // A pipe (`<(cmd)`) would block on open until written to: only regular files are opened here.
  if (stats.isFile()) {
    try {
      closeSync(openSync(path, "r"));
    } catch (e) {
      throw fsError("read", path, e);
    }
  }
  return { path, stats };
}

/** Whether two stats are one file (hard links and symbolic links included: stat follows links). */
function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/**
 * The path an output file is to be written at. An existing output must be a regular file other than
 * any input (also through links); a symbolic link is resolved, so the file it points to is replaced.
 * A missing output is fine here: its directory is tried when its temporary file is created.
 */
export function checkOutputFile(path: string, inputs: readonly InputFile[] = []): string {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return path;
    throw fsError("write", path, e);
  }
  if (stats.isDirectory()) throw new CliError(`cannot write ${quote(path)}: it is a directory`);
  if (!stats.isFile()) throw new CliError(`refusing to write ${quote(path)}: it is not a regular file`);
  for (const input of inputs) {
    if (sameFile(stats, input.stats) || realpathSync(path) === safeRealpath(input.path)) {
      throw new CliError(`refusing to write ${quote(path)}: it is the input file ${quote(input.path)}, which it would destroy`);
    }
  }
  return realpathSync(path);
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** An output directory, checked: if it exists, it is a directory (it is created when missing). */
export function checkOutputDir(path: string): void {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw fsError("create", path, e);
  }
  if (!stats.isDirectory()) throw new CliError(`cannot write into ${quote(path)}: it is not a directory`);
}

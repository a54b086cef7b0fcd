// How the `bytepair` command fails: one line on stderr, `bytepair: ...`, never a stack trace.
// Exit status 2 for a usage error (bad arguments), 1 for everything else (files, data).

import { BytepairError, quote } from "../errors.js";

/** A failure the command reports as it is: the message is already in the CLI's terms. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/** The usage error of `command` (or of the whole CLI): the message and where to read the usage. */
export function usageFail(command?: string): (message: string) => never {
  return (message) => {
    process.stderr.write(`bytepair: ${message}\nrun \`bytepair ${command ? `${command} ` : ""}--help\` for usage\n`);
    process.exit(2);
  };
}

const REASONS: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "it is a directory",
  ENOTDIR: "a part of the path is not a directory",
  EEXIST: "it already exists",
  ENOSPC: "no space left on device",
  EROFS: "read-only file system",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many symbolic links",
  EMFILE: "too many open files",
  EADDRINUSE: "the address is in use",
};

/** Why a file operation failed, in words (the errno code when it has none here). */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (typeof code === "string") return REASONS[code] ?? code;
  return e instanceof Error ? e.message : String(e);
}

/** A file operation's failure in the CLI's terms: "cannot read "x": permission denied". */
export function fsError(verb: "read" | "write" | "create", path: string, e: unknown): CliError {
  return new CliError(`cannot ${verb} ${quote(path)}: ${fsReason(e)}`);
}

/** Prints any failure as one line and exits 1. A failure that is not one of ours is a bug: its
 * stack is shown only with BYTEPAIR_DEBUG=1. */
export function exitWithError(e: unknown): never {
  if (e instanceof BytepairError || e instanceof CliError) process.stderr.write(`bytepair: ${e.message}\n`);
  else if (typeof (e as NodeJS.ErrnoException)?.code === "string" && (e as NodeJS.ErrnoException).syscall) {
    const { path, syscall } = e as NodeJS.ErrnoException;
    process.stderr.write(`bytepair: ${syscall}${path ? ` ${quote(path)}` : ""} failed: ${fsReason(e)}\n`);
  } else {
    process.stderr.write(`bytepair: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.BYTEPAIR_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  }
  process.exit(1);
}

/** Standard output closed early (`bytepair encode | head`) is not a failure: stop quietly, status 0. */
export function quietOnClosedStdout(): void {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    exitWithError(e);
  });
}

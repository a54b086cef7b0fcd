// Loading a packed vocabulary from a local file (Node, Deno, Bun): each table is read from the file
// straight into the engine's memory. Reading the file whole and copying it in touched twice the
// memory, and a first touch of fresh memory (a page fault per 4 KB) was much of a cold start. The
// reads are synchronous: each asynchronous one was a round trip through libuv's thread pool (0.3-1 ms
// apiece in a fresh process, more than the read), and building the tables right after blocks the
// thread for longer anyway.

import { BytepairError } from "../errors.js";
import { cannotRead } from "../platform/assets.js";
import { builtinModule } from "../platform/node-builtin.js";
import type { VocabTable, VocabTables } from "./file.js";
import { headerEnd, readPackedLayout, type Section } from "./layout.js";

type Fs = typeof import("node:fs");

/** Opens `url`, reads its layout and gives `load` tables that read from the file; closes it after. */
export async function withVocabFile<T>(url: URL, where: string, load: (tables: VocabTables) => Promise<T>): Promise<T> {
  let fs: Fs;
  let fd: number;
  let size: number;
  try {
    fs = builtinModule<Fs>("node:fs") ?? (await import("node:fs"));
    fd = fs.openSync(url, "r");
    size = fs.fstatSync(fd).size;
  } catch (e) {
    cannotRead(url, e);
  }
  try {
    const readAt = (into: Uint8Array, position: number) => fill(fs, fd, into, position, url, where);
    let head = readAt(new Uint8Array(Math.min(size, 4096)), 0);
    const headerBytes = headerEnd(head);
    if (headerBytes > head.length && headerBytes <= size) head = readAt(new Uint8Array(headerBytes), 0);
    const layout = readPackedLayout(head, size, where);
    const sections: Partial<Record<VocabTable, Section>> = layout.sections;
    return await load({
      tokenCount: layout.tokenCount,
      blobBytes: layout.blobBytes,
      idsAreRanks: layout.idsAreRanks,
      hasLeftLens: false,
      slots: layout.slots,
      write(table, into) {
        readAt(into, sections[table]!.at);
      },
    });
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // closing a file only read cannot lose anything
    }
  }
}

/** Fills `into` from byte `position` of the file. */
function fill(fs: Fs, fd: number, into: Uint8Array, position: number, url: URL, where: string): Uint8Array {
  let at = 0;
  while (at < into.length) {
    let read: number;
    try {
      read = fs.readSync(fd, into, at, into.length - at, position + at);
    } catch (e) {
      cannotRead(url, e);
    }
    // The file was shorter than its size when opened: changed while we read it.
    if (read === 0) throw new BytepairError("INVALID_VOCAB", `Invalid packed vocabulary ${where}: the file ends at byte ${position + at}`);
    at += read;
  }
  return into;
}

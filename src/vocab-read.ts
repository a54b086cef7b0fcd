// Loading a packed vocabulary from a local file (Node, Deno, Bun): each table is read from the file
// straight into the engine's memory. Reading the file whole and copying it in touched twice the
// memory, and a first touch of fresh memory (a page fault per 4 KB) was much of a cold start.

import { BytepairError } from "./errors.js";
import { readPackedLayout, type VocabTable, type VocabTables } from "./vocab-file.js";

type FileHandle = import("node:fs/promises").FileHandle;

/** Opens `url`, reads its layout and gives `load` tables that read from the file; closes it after. */
export async function withVocabFile<T>(url: URL, where: string, load: (tables: VocabTables) => Promise<T>): Promise<T> {
  const fs = await io(url, () => import("node:fs/promises"));
  const file = await io(url, () => fs.open(url));
  try {
    const { size } = await io(url, () => file.stat());
    let head = await readAt(file, new Uint8Array(Math.min(size, 4096)), 0, url, where);
    const headerEnd = head.length >= 8 ? 8 + new DataView(head.buffer).getUint32(4, true) : 0;
    if (headerEnd > head.length && headerEnd <= size) head = await readAt(file, new Uint8Array(headerEnd), 0, url, where);
    const layout = readPackedLayout(head, size, where);
    const positions: Partial<Record<VocabTable, number>> = {
      ids: layout.idsAt,
      offsets: layout.offsetsAt,
      blob: layout.blobAt,
      slotOfRank: layout.slots?.at,
    };
    return await load({
      tokenCount: layout.tokenCount,
      blobBytes: layout.blobBytes,
      hasLeftLens: false,
      slots: layout.slots,
      async write(table, into) {
        await readAt(file, into, positions[table]!, url, where);
      },
    });
  } finally {
    await file.close().catch(() => {});
  }
}

/** Fills `into` from byte `position` of the file. */
async function readAt(file: FileHandle, into: Uint8Array, position: number, url: URL, where: string): Promise<Uint8Array> {
  let at = 0;
  while (at < into.length) {
    const { bytesRead } = await io(url, () => file.read(into, at, into.length - at, position + at));
    // The file was shorter than its size when opened: changed while we read it.
    if (bytesRead === 0) throw new BytepairError("INVALID_VOCAB", `Invalid packed vocabulary ${where}: the file ends at byte ${position + at}`);
    at += bytesRead;
  }
  return into;
}

async function io<T>(url: URL, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    throw new BytepairError("ASSET_LOAD_FAILED", `Could not read ${url.href}: ${(e as Error).message}`);
  }
}

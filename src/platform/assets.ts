// Reading the files that ship beside the bundle (the .wasm and the packed vocabularies) in any
// runtime. Node's fetch cannot read file: URLs, so file: goes through node:fs, imported only then,
// which keeps Node-only code out of the browser and edge paths.

import { BytepairError } from "../errors.js";
import { builtinModule } from "./node-builtin.js";

/** The largest file read whole (a vocabulary or a tokenizer.json; Gemma 3's is 33 MB). */
export const MAX_FILE_BYTES = 2 ** 30;

export async function readAsset(url: URL): Promise<Uint8Array<ArrayBuffer>> {
  try {
    if (url.protocol === "file:") {
      const fs = builtinModule<typeof import("node:fs/promises")>("node:fs/promises") ?? (await import("node:fs/promises"));
      return await readFileCapped(fs, url);
    }
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return await readBodyCapped(response);
  } catch (e) {
    cannotRead(url, e);
  }
}

/**
 * A regular file of at most MAX_FILE_BYTES, whole: a device (/dev/zero), a FIFO or a larger file is
 * refused before it is read. A view of the Buffer, not a copy: new Uint8Array(buffer) would copy
 * megabytes into fresh memory.
 */
export async function readFileCapped(fs: typeof import("node:fs/promises"), path: string | URL): Promise<Uint8Array<ArrayBuffer>> {
  const handle = await fs.open(path, "r");
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error("not a regular file");
    if (info.size > MAX_FILE_BYTES) throw new Error(`${info.size} bytes, more than the ${MAX_FILE_BYTES} read whole`);
    const file = await handle.readFile();
    if (file.byteLength > MAX_FILE_BYTES) throw new Error(`more than the ${MAX_FILE_BYTES} bytes read whole`);
    return new Uint8Array(file.buffer as ArrayBuffer, file.byteOffset, file.byteLength);
  } finally {
    await handle.close();
  }
}

/** A response's body, refused once it passes MAX_FILE_BYTES (whatever its Content-Length says). */
async function readBodyCapped(response: Response): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > MAX_FILE_BYTES) throw new Error(`${declared} bytes, more than the ${MAX_FILE_BYTES} read whole`);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    total += r.value.byteLength;
    if (total > MAX_FILE_BYTES) {
      await reader.cancel();
      throw new Error(`more than the ${MAX_FILE_BYTES} bytes read whole`);
    }
    parts.push(r.value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}

/** The ASSET_LOAD_FAILED error for a file that could not be read (readAsset, vocab/read.ts). */
export function cannotRead(url: URL, e: unknown): never {
  throw new BytepairError("ASSET_LOAD_FAILED", `Could not read ${url.href}: ${(e as Error).message}`);
}

// Reading the files that ship beside the bundle (the .wasm and the packed vocabularies) in any
// runtime. Node's fetch cannot read file: URLs, so file: goes through node:fs, imported only then,
// which keeps Node-only code out of the browser and edge paths.

import { BytepairError } from "./errors.js";
import { builtinModule } from "./node-builtin.js";

export async function readAsset(url: URL): Promise<Uint8Array<ArrayBuffer>> {
  try {
    if (url.protocol === "file:") {
      const fs = builtinModule<typeof import("node:fs/promises")>("node:fs/promises") ?? (await import("node:fs/promises"));
      // A view of the Buffer, not a copy: new Uint8Array(buffer) would copy megabytes into fresh memory.
      const file = await fs.readFile(url);
      return new Uint8Array(file.buffer as ArrayBuffer, file.byteOffset, file.byteLength);
    }
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    cannotRead(url, e);
  }
}

/** The ASSET_LOAD_FAILED error for a file that could not be read (readAsset, vocab-read.ts). */
export function cannotRead(url: URL, e: unknown): never {
  throw new BytepairError("ASSET_LOAD_FAILED", `Could not read ${url.href}: ${(e as Error).message}`);
}

/** Where the build's files are: beside the bundled entry (build/index.js). */
export function assetUrl(path: string): URL {
  // Cloudflare Workers give modules no URL: there the files must come from init() (bytepair/worker).
  const here: unknown = import.meta.url;
  try {
    if (typeof here === "string") return new URL(path, here);
  } catch {
    // not a base URL: the same error as none
  }
  throw new BytepairError(
    "ASSET_LOAD_FAILED",
    `Cannot locate ${path.slice(2)}: this runtime gives modules no URL (import.meta.url is ${String(here)}); ` +
      `call init({ wasm, vocab }) first, or in Cloudflare Workers import "bytepair/worker"`,
  );
}

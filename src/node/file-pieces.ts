// A file's bytes in pieces cut at safe places (text/byte-cuts.ts), read straight into each piece's
// buffer (Node; node: modules are imported where they are used, as build-host.mjs requires), for
// encode-file and train({ file }).

import { safeByteChunks, type ReadInto } from "../text/byte-cuts.js";

export interface FilePiecesOptions {
  /** Called with the bytes of each read. */
  onRead?: (bytes: number) => void;
  /** The error to throw for a failure to open or read the file. */
  readError: (cause: unknown) => Error;
}

/** The pieces of the file at `path`, each a buffer of its own, never cut inside one of `specials` (their UTF-8). */
export async function* filePieces(path: string | URL, specials: readonly Uint8Array[], target: number, options: FilePiecesOptions): AsyncGenerator<Uint8Array> {
  const { open } = await import("node:fs/promises");
  const handle = await open(path, "r").catch((e: unknown) => {
    throw options.readError(e);
  });
  try {
    const read: ReadInto = async (buffer, offset, length) => {
      const { bytesRead } = await handle.read(buffer, offset, length, null).catch((e: unknown) => {
        throw options.readError(e);
      });
      options.onRead?.(bytesRead);
      return bytesRead;
    };
    yield* safeByteChunks(read, specials, target);
  } finally {
    await handle.close();
  }
}

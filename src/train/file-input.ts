// A training file read as bytes (Node): cut where cutting cannot change the pre-tokens
// (text/byte-cuts.ts), and each piece counted straight from its bytes when they are UTF-8, with no
// string on the way. A piece that is not UTF-8 is decoded as TextDecoder does (U+FFFD for each
// invalid sequence) and counted as text: a cut has ASCII on both sides, so decoding piece by piece
// gives the text of the whole file, and where the first invalid sequence was is reported in stats.
// node: modules are imported where they are used (build-host.mjs).

import { BytepairError } from "../errors.js";
import { filePieces } from "../node/file-pieces.js";
import { SpecialBytes, MOST_SPECIAL_BYTES } from "../text/special-bytes.js";
import { specialMatcher, type SpecialMatcher } from "../text/segments.js";
import { Utf8Check } from "../text/utf8-check.js";
import type { TrainerEngine } from "./engine.js";

/** About this many bytes per piece: big enough that a piece's trip to a worker costs little. */
const PIECE_BYTES = 1 << 20;

const utf8 = new TextEncoder();

/** A training file's pieces, and where its first invalid UTF-8 is once they have all been read. */
export interface TrainingFile {
  pieces: AsyncGenerator<Uint8Array>;
  /** The byte offset of the file's first invalid UTF-8 sequence, if it has one (known after the last piece). */
  invalidUtf8At(): number | undefined;
}

/** The file's bytes, cut at safe places (never inside a special token), each piece a buffer of its own. */
export async function trainingFile(path: string | URL, specials: readonly string[]): Promise<TrainingFile> {
  const readError = (e: unknown) => new BytepairError("INVALID_ARGUMENT", `Could not read the training file ${String(path)}: ${(e as Error).message}`);
  const check = new Utf8Check(await nodeIsUtf8());
  async function* pieces(): AsyncGenerator<Uint8Array> {
    for await (const piece of filePieces(path, specials.map((s) => utf8.encode(s)), PIECE_BYTES, { readError })) {
      check.push(piece); // before the piece may be moved to a worker
      yield piece;
    }
    check.end();
  }
  return { pieces: pieces(), invalidUtf8At: () => check.invalidAt };
}

/** Counts pieces of a file into one trainer: as bytes where it can, as text where it must. */
export class PieceCounter {
  private readonly matcher: SpecialMatcher | undefined;
  private readonly specialBytes: SpecialBytes | undefined;
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });

  private constructor(
    private readonly engine: TrainerEngine,
    private readonly specials: readonly string[],
    private readonly isUtf8: (bytes: Uint8Array) => boolean,
  ) {
    this.matcher = specialMatcher([...specials]);
    this.specialBytes = specials.length > 0 ? new SpecialBytes(specials.map((s) => utf8.encode(s))) : undefined;
  }

  static async create(engine: TrainerEngine, specials: readonly string[]): Promise<PieceCounter> {
    return new PieceCounter(engine, specials, await nodeIsUtf8());
  }

  /** UTF-8 bytes counted, special tokens aside (as TrainerEngine.countText returns). */
  count(bytes: Uint8Array): number {
    if (this.specials.length <= MOST_SPECIAL_BYTES && this.isUtf8(bytes)) return this.engine.countUtf8(bytes, this.specialBytes);
    return this.engine.countText(this.decoder.decode(bytes), this.matcher);
  }
}

/** node:buffer's isUtf8 (simdutf in Node), or a decoder's check in a runtime whose node:buffer has none. */
async function nodeIsUtf8(): Promise<(bytes: Uint8Array) => boolean> {
  const { isUtf8 } = await import("node:buffer");
  return isUtf8 ?? isUtf8ByDecoding;
}

/** For a runtime whose node:buffer has no isUtf8. */
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
function isUtf8ByDecoding(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

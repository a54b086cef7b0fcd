// A training file read as bytes (Node): cut where cutting cannot change the pre-tokens
// (text/byte-cuts.ts), and each piece counted straight from its bytes when they are UTF-8, with no
// string on the way. A piece that is not UTF-8 is decoded as TextDecoder does (U+FFFD for each
// invalid sequence) and counted as text: a cut has ASCII on both sides, so decoding piece by piece
// gives the text of the whole file, and where the first invalid sequence was is reported in stats.
// Each piece is checked once, on the reading thread, and its answer travels with it.
// node: modules are imported where they are used (build-host.mjs).

import { BytepairError } from "../errors.js";
import { filePieces } from "../node/file-pieces.js";
import { SpecialBytes, MOST_SPECIAL_BYTES } from "../text/special-bytes.js";
import { specialMatcher, type SpecialMatcher } from "../text/segments.js";
import { firstInvalid, isWellFormedUtf8 } from "../text/utf8-check.js";
import type { TrainerEngine } from "./engine.js";

/** About this many bytes per piece: big enough that a piece's trip to a worker costs little. */
const PIECE_BYTES = 1 << 20;

const utf8 = new TextEncoder();

/** A piece of a training file: its bytes, and whether they are well-formed UTF-8. */
export interface FilePiece {
  bytes: Uint8Array;
  utf8: boolean;
}

/** A training file's pieces, and where its first invalid UTF-8 is once they have all been read. */
export interface TrainingFile {
  pieces: AsyncGenerator<FilePiece>;
  /** The byte offset of the file's first invalid UTF-8 sequence, if it has one (known after the last piece). */
  invalidUtf8At(): number | undefined;
}

/**
 * The file's bytes, cut at safe places (never inside a special token), each piece a buffer of its own,
 * checked here once: a cut has ASCII on both sides, so a piece is UTF-8 exactly when its bytes are.
 */
export async function trainingFile(path: string | URL, specials: readonly string[]): Promise<TrainingFile> {
  const readError = (e: unknown) => new BytepairError("INVALID_ARGUMENT", `Could not read the training file ${String(path)}: ${(e as Error).message}`);
  const isUtf8 = await nodeIsUtf8();
  let invalidAt: number | undefined;
  async function* pieces(): AsyncGenerator<FilePiece> {
    let offset = 0;
    for await (const bytes of filePieces(path, specials.map((s) => utf8.encode(s)), PIECE_BYTES, { readError })) {
      const valid = isUtf8(bytes);
      if (!valid) invalidAt ??= offset + firstInvalid(bytes);
      offset += bytes.length;
      yield { bytes, utf8: valid };
    }
  }
  return { pieces: pieces(), invalidUtf8At: () => invalidAt };
}

/** Counts pieces of a file into one trainer: as bytes where it can, as text where it must. */
export class PieceCounter {
  private readonly matcher: SpecialMatcher | undefined;
  private readonly specialBytes: SpecialBytes | undefined;
  /** Too many special tokens to find in bytes: every piece goes as text. */
  private readonly allAsText: boolean;
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });

  constructor(
    private readonly engine: TrainerEngine,
    specials: readonly string[],
  ) {
    this.matcher = specialMatcher([...specials]);
    this.allAsText = specials.length > MOST_SPECIAL_BYTES;
    this.specialBytes = specials.length > 0 && !this.allAsText ? new SpecialBytes(specials.map((s) => utf8.encode(s))) : undefined;
  }

  /** UTF-8 bytes counted, special tokens aside (as TrainerEngine.countText returns); `utf8`: the piece's check. */
  count({ bytes, utf8: valid }: FilePiece): number {
    if (valid && !this.allAsText) return this.engine.countUtf8(bytes, this.specialBytes);
    return this.engine.countText(this.decoder.decode(bytes), this.matcher);
  }
}

/** node:buffer's isUtf8 (simdutf in Node), or a decoder's check in a runtime whose node:buffer has none. */
async function nodeIsUtf8(): Promise<(bytes: Uint8Array) => boolean> {
  const { isUtf8 } = await import("node:buffer");
  return isUtf8 ?? isWellFormedUtf8;
}

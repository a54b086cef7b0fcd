// A training file read as bytes (Node): cut where cutting cannot change the pre-tokens
// (text/byte-cuts.ts), and each piece counted straight from its bytes when they are UTF-8, with no
// string on the way. A piece that is not UTF-8 is decoded as TextDecoder does (U+FFFD for each
// invalid sequence) and counted as text: a cut has ASCII on both sides, so decoding piece by piece
// gives the text of the whole file. node: modules are imported where they are used (build-host.mjs).

import { BytepairError } from "../errors.js";
import { filePieces } from "../node/file-pieces.js";
import { SpecialBytes, MOST_SPECIAL_BYTES } from "../text/special-bytes.js";
import { specialMatcher, type SpecialMatcher } from "../text/segments.js";
import type { TrainerEngine } from "./engine.js";

/** About this many bytes per piece: big enough that a piece's trip to a worker costs little. */
const PIECE_BYTES = 1 << 20;

const utf8 = new TextEncoder();

/** The file's bytes, cut at safe places (never inside a special token), each piece a buffer of its own. */
export function trainingPieces(path: string | URL, specials: readonly string[]): AsyncGenerator<Uint8Array> {
  const readError = (e: unknown) => new BytepairError("INVALID_ARGUMENT", `Could not read the training file ${String(path)}: ${(e as Error).message}`);
  return filePieces(path, specials.map((s) => utf8.encode(s)), PIECE_BYTES, { readError });
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
    const { isUtf8 } = await import("node:buffer");
    return new PieceCounter(engine, specials, isUtf8 ?? isUtf8ByDecoding);
  }

  /** UTF-8 bytes counted, special tokens aside (as TrainerEngine.countText returns). */
  count(bytes: Uint8Array): number {
    if (this.specials.length <= MOST_SPECIAL_BYTES && this.isUtf8(bytes)) return this.engine.countUtf8(bytes, this.specialBytes);
    return this.engine.countText(this.decoder.decode(bytes), this.matcher);
  }
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

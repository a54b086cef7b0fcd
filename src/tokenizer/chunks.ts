// chunks and chunkStream: a text in pieces of at most maxTokens tokens each (counted as each piece
// encodes on its own), cut as truncate cuts; with `overlap`, each piece after the first starts at the
// start of the previous piece's overlap-th token from its end (or the next character boundary after).

import { BytepairError, describeValue as describe } from "../errors.js";
import { checkMaxTokens, truncatedLength, type CutEncoder } from "./truncate.js";

export interface ChunkSizes {
  maxTokens: number;
  overlap: number;
}

export function checkChunkSizes(options: unknown): ChunkSizes {
  if (options === null || typeof options !== "object") {
    throw new BytepairError("INVALID_ARGUMENT", `Expected chunk options { maxTokens, overlap? }, got ${describe(options)}`);
  }
  const { maxTokens, overlap = 0 } = options as { maxTokens?: unknown; overlap?: unknown };
  const max = checkMaxTokens(maxTokens);
  if (typeof overlap !== "number" || !Number.isSafeInteger(overlap) || overlap < 0 || overlap >= max) {
    throw new BytepairError("INVALID_ARGUMENT", `Expected overlap to be an integer from 0 to maxTokens - 1 (${max - 1}), got ${describe(overlap)}`);
  }
  return { maxTokens: max, overlap };
}

/**
 * The next piece of `text` from `start`: [start, end) and where the piece after it starts, or
 * undefined when `final` is false and more text is needed (see truncatedLength).
 */
export function nextChunk(text: string, start: number, sizes: ChunkSizes, encoder: CutEncoder, final: boolean): { end: number; next: number } | undefined {
  const rest = start ? text.slice(start) : text;
  const length = truncatedLength(rest, sizes.maxTokens, encoder, final);
  if (length === undefined) return undefined;
  if (length === 0) {
    throw new BytepairError(
      "INVALID_ARGUMENT",
      `maxTokens ${sizes.maxTokens} is too small: the text at index ${start} has no place to cut within ${sizes.maxTokens} tokens`,
    );
  }
  const end = start + length;
  if (end === text.length && final) return { end, next: end };
  return { end, next: start + overlapStart(rest.slice(0, length), sizes.overlap, encoder) };
}

/** Where the last `overlap` tokens of `piece` (its own encoding) start, at a character boundary; its end if none. */
function overlapStart(piece: string, overlap: number, encoder: CutEncoder): number {
  if (overlap === 0) return piece.length;
  const { offsets, atBoundary, prefix, suffix } = encoder.offsets(piece);
  const bodyEnd = offsets.length - suffix;
  for (let k = Math.max(prefix + 1, bodyEnd - overlap); k < bodyEnd; k++) if (atBoundary[k]) return offsets[k];
  return piece.length;
}

/** All the pieces of a text. */
export function chunkText(text: string, sizes: ChunkSizes, encoder: CutEncoder): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; ) {
    const { end, next } = nextChunk(text, start, sizes, encoder, true)!;
    pieces.push(text.slice(start, end));
    if (end === text.length) break;
    start = next;
  }
  return pieces;
}

/** The pieces of a stream of text (as chunkText of the whole): `parts` are the text in order. */
export async function* chunkParts(parts: AsyncIterable<string>, sizes: ChunkSizes, encoder: CutEncoder): AsyncGenerator<string, void, undefined> {
  let held = "";
  let start = 0;
  let wait = 0; // after an attempt that needed more text: try again once the held text has doubled
  const drain = function* (final: boolean): Generator<string> {
    while (start < held.length) {
      if (!final && held.length - start < wait) return;
      const step = nextChunk(held, start, sizes, encoder, final);
      if (!step) {
        wait = 2 * (held.length - start);
        return;
      }
      wait = 0;
      yield held.slice(start, step.end);
      if (step.end === held.length && final) {
        start = held.length;
        return;
      }
      start = step.next;
    }
  };
  for await (const part of parts) {
    held += part;
    yield* drain(false);
    if (start > 0) {
      held = held.slice(start);
      start = 0;
    }
  }
  yield* drain(true);
}

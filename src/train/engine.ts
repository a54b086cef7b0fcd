// Typed calls into one trainer instance of the engine module (assembly/train/).

import { BytepairError } from "../errors.js";
import { PATTERN_CODES } from "../patterns.js";
import type { PatternFamily } from "../patterns.js";
import { splitOnSpecials, type SpecialMatcher } from "../text/segments.js";
import { wellFormed } from "../text/utf8.js";
import type { SpecialBytes } from "../text/special-bytes.js";
import type { MemoryPart } from "./types.js";

const BATCH_CHARS = 1 << 23;
const BATCH_BYTES = 1 << 24;

export interface TrainerExports {
  memory: WebAssembly.Memory;
  trainBegin(pattern: number): number;
  trainReserve(bytes: number, segments: number): number;
  trainSegmentsPtr(bytes: number): number;
  trainCount(bytes: number, segments: number): number;
  trainMergeWords(bytes: number, count: number): number;
  trainWordsPtr(): number;
  trainWordRecordSize(): number;
  trainWordBytesPtr(): number;
  trainWordBytesLength(): number;
  trainWordCount(): number;
  trainPrepare(): number;
  trainRun(limit: number): number;
  trainMergesPtr(): number;
  trainMergeCount(): number;
  trainMemoryUsed(): number;
  trainTokenTotal(): number;
  trainMemoryParts(): number;
  trainMemoryPartsPtr(): number;
}

/** The parts assembly/train/index.ts trainMemoryParts reports, in its order. */
const MEMORY_PARTS = [
  "input", "words", "wordBytes", "wordIndex",
  "tokens", "tokenBytes", "wordTokenLen", "wordStamp", "wordTokens", "pairs", "pairIndex", "pairWordLists", "heap", "raised", "merges",
];


const utf8 = new TextEncoder();


/** Pre-tokens counted by one instance, in a form that can be posted between threads. */
export interface CountedWords {
  bytes: Uint8Array;
  records: Uint32Array;
}

/** Runs of consecutive items whose sizes add up to at most `limit` (an item larger than that alone). */
function* batches<T>(items: readonly T[], size: (item: T) => number, limit: number): Generator<T[]> {
  for (let i = 0; i < items.length; ) {
    const batch: T[] = [];
    let total = 0;
    while (i < items.length && (batch.length === 0 || total + size(items[i]) <= limit)) {
      total += size(items[i]);
      batch.push(items[i++]);
    }
    yield batch;
  }
}

function check(code: number, what: string): void {
  if (code === -1) throw new BytepairError("OUT_OF_MEMORY", `The trainer could not grow its memory to ${what}`);
  if (code < 0) throw new Error(`bytepair trainer returned unexpected code ${code} while trying to ${what}`);
}

export class TrainerEngine {
  constructor(private readonly wasm: TrainerExports, pattern: PatternFamily) {
    check(wasm.trainBegin(PATTERN_CODES[pattern]), "start");
  }

  /** Counts the pre-tokens of each text (texts never share a pre-token). Returns UTF-8 bytes read. */
  count(texts: readonly string[]): number {
    const units = texts.reduce((n, t) => n + t.length, 0);
    return this.countSegments(units * 3, texts.length, `count ${units} characters`, (memory, ends) => {
      let at = 0;
      texts.forEach((text, k) => {
        at += utf8.encodeInto(text, memory.subarray(at)).written;
        ends[k] = at;
      });
      return at;
    });
  }

  /**
   * Counts the pre-tokens of well-formed UTF-8 `bytes` after cutting out the special tokens (their
   * UTF-8, as `specialBytes` finds them); returns the bytes read, special tokens aside. The caller
   * checks the bytes are UTF-8: the engine reads them as it is given them.
   */
  countUtf8(bytes: Uint8Array, specials: SpecialBytes | undefined): number {
    const parts = specials ? specials.split(bytes) : [[0, bytes.length] as const];
    let total = 0;
    for (const batch of batches(parts, ([start, end]) => end - start, BATCH_BYTES)) {
      const size = batch.reduce((n, [start, end]) => n + end - start, 0);
      total += this.countSegments(size, batch.length, `count ${size} bytes`, (memory, ends) => {
        let at = 0;
        batch.forEach(([start, end], k) => {
          memory.set(bytes.subarray(start, end), at);
          ends[k] = at += end - start;
        });
        return at;
      });
    }
    return total;
  }

  /**
   * Counts the pre-tokens of `text` after cutting out the special tokens; returns UTF-8 bytes read.
   * Lone surrogates become U+FFFD first, as their UTF-8 does: a special token holding U+FFFD is then
   * cut out there too (as encoding matches it), never learned as an ordinary token of its bytes.
   */
  countText(text: string, matcher: SpecialMatcher | undefined): number {
    let bytes = 0;
    for (const batch of batches(splitOnSpecials(wellFormed(text), matcher), (part) => part.length, BATCH_CHARS)) bytes += this.count(batch);
    return bytes;
  }

  /** Counts the `segments` texts that `write` puts into `room` bytes of the engine's input (their ends into `ends`); the bytes it wrote. */
  private countSegments(room: number, segments: number, what: string, write: (memory: Uint8Array, ends: Uint32Array) => number): number {
    const ptr = this.wasm.trainReserve(room, segments);
    if (!ptr) check(-1, what);
    const ends = new Uint32Array(segments);
    const at = write(new Uint8Array(this.wasm.memory.buffer, ptr, room), ends);
    new Uint32Array(this.wasm.memory.buffer, this.wasm.trainSegmentsPtr(at), segments).set(ends);
    check(this.wasm.trainCount(at, segments), what);
    return at;
  }

  /** The distinct pre-tokens counted here: their bytes, and (offset, length, count low, count high) each. */
  exportWords(): CountedWords {
    const n = this.wasm.trainWordCount();
    const size = this.wasm.trainWordRecordSize() / 4;
    const source = new Uint32Array(this.wasm.memory.buffer, this.wasm.trainWordsPtr(), n * size);
    const records = new Uint32Array(4 * n);
    for (let k = 0; k < n; k++) {
      records[4 * k] = source[k * size];
      records[4 * k + 1] = source[k * size + 1];
      records[4 * k + 2] = source[k * size + 4];
      records[4 * k + 3] = source[k * size + 5];
    }
    const bytes = new Uint8Array(this.wasm.memory.buffer, this.wasm.trainWordBytesPtr(), this.wasm.trainWordBytesLength()).slice();
    return { bytes, records };
  }

  /** Adds pre-tokens counted by another trainer instance. */
  mergeWords({ bytes, records }: CountedWords): void {
    const count = records.length / 4;
    const ptr = this.wasm.trainReserve(bytes.length, records.length);
    if (!ptr) check(-1, `add ${count} pre-tokens`);
    new Uint8Array(this.wasm.memory.buffer, ptr, bytes.length).set(bytes);
    new Uint32Array(this.wasm.memory.buffer, this.wasm.trainSegmentsPtr(bytes.length), records.length).set(records);
    check(this.wasm.trainMergeWords(bytes.length, count), `add ${count} pre-tokens`);
  }

  get distinctWords(): number {
    return this.wasm.trainWordCount();
  }

  prepare(): void {
    check(this.wasm.trainPrepare(), "count pairs");
  }

  /** Up to `limit` more merges; how many were done (0 when no pair is left). */
  run(limit: number): number {
    const done = this.wasm.trainRun(limit);
    check(done, "merge");
    return done;
  }

  /** The merges so far as (left, right) token numbers: 0-255 the bytes, 256 + i the i-th merge. */
  merges(): Uint32Array {
    return new Uint32Array(this.wasm.memory.buffer, this.wasm.trainMergesPtr(), 2 * this.wasm.trainMergeCount()).slice();
  }

  /** Tokens of the counted text (special tokens aside) under the merges so far. */
  get tokenTotal(): number {
    return this.wasm.trainTokenTotal();
  }

  get memoryUsed(): number {
    return this.wasm.trainMemoryUsed();
  }

  /** Where the memory is: each table's bytes, then "free" (given back, not reused) and "total" (the high-water mark). */
  get memoryParts(): Record<string, MemoryPart> {
    const n = this.wasm.trainMemoryParts();
    const view = new Uint32Array(this.wasm.memory.buffer, this.wasm.trainMemoryPartsPtr(), 2 * n);
    const parts: Record<string, MemoryPart> = {};
    for (let k = 0; k < n - 1; k++) parts[MEMORY_PARTS[k]!] = { used: view[2 * k]!, held: view[2 * k + 1]! };
    parts.free = { used: 0, held: view[2 * n - 2]! };
    parts.total = { used: 0, held: view[2 * n - 1]! };
    return parts;
  }
}

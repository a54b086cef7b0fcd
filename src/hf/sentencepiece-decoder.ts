// Decoding for SentencePiece-style tokenizers, as Hugging Face's decoders chain it: the tokens' texts
// (as the file spells them, special tokens included) pass through each step in turn. ByteFallback
// turns each run of <0xNN> tokens into its text, or one U+FFFD per byte when the run is not UTF-8.
//
// The chain runs on one piece of text per token, so that each token's share of the decoded text is
// known (decodeWithOffsets) and a stream can be decoded part by part: what a step does to the start of
// the whole text (Strip after Fuse, Metaspace's first token) is carried in a state between parts.

import { BytepairError } from "../errors.js";
import type { StreamDecoder } from "../text/stream-decoder.js";
import type { DecoderStep } from "./sentencepiece-steps.js";

const BYTE_TOKEN = /^<0x(?:[0-9A-Fa-f]{2}|\+[0-9A-Fa-f])>$/; // as Rust's u8::from_str_radix reads the digits
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** What the steps still do to the start of the text: per step, characters to strip / whether the first token is still ahead. */
interface StartState {
  stripLeft: number[];
  first: boolean;
}

export class SentencePieceDecoder {
  constructor(
    private readonly steps: readonly DecoderStep[],
    /** A token's text; throws for an id that is no token. */
    private readonly textOf: (id: number) => string,
  ) {}

  decode(ids: ArrayLike<number>): string {
    return this.pieces(ids, this.start()).join("");
  }

  /** The decoded text and where each token's share of it starts (UTF-16 units). */
  decodeWithOffsets(ids: ArrayLike<number>): { text: string; offsets: Uint32Array } {
    const pieces = this.pieces(ids, this.start());
    const offsets = new Uint32Array(pieces.length);
    let at = 0;
    pieces.forEach((piece, k) => {
      offsets[k] = at;
      at += piece.length;
    });
    return { text: pieces.join(""), offsets };
  }

  /** A stream decoder: a run of byte tokens is held until a token of text ends it (a later byte may make it invalid). */
  stream(): StreamDecoder {
    if (this.steps.some((s, i) => s.type === "Strip" && s.stop > 0 && this.fusedBefore(i))) {
      throw new BytepairError("UNSUPPORTED_TOKENIZER", "createDecoder: this tokenizer's decoder strips the end of the whole text, which only the last ids can tell; use decode");
    }
    let state = this.start();
    let held: number[] = [];
    return {
      decode: (ids) => {
        const all = held.concat(Array.from(ids, (id) => (this.textOf(id), id)));
        let cut = all.length;
        while (cut > 0 && BYTE_TOKEN.test(this.textOf(all[cut - 1]))) cut--;
        held = all.slice(cut);
        return cut ? this.pieces(all.slice(0, cut), state).join("") : "";
      },
      flush: () => {
        const text = held.length ? this.pieces(held, state).join("") : "";
        held = [];
        state = this.start();
        return text;
      },
    };
  }

  private start(): StartState {
    return { stripLeft: this.steps.map((s) => (s.type === "Strip" ? s.start : 0)), first: true };
  }

  private fusedBefore(index: number): boolean {
    return this.steps.slice(0, index).some((s) => s.type === "Fuse");
  }

  /** Each token's share of the decoded text; `state` is updated for the tokens that follow. */
  private pieces(ids: ArrayLike<number>, state: StartState): string[] {
    let pieces = Array.from(ids, this.textOf);
    let fused = false;
    this.steps.forEach((step, i) => {
      switch (step.type) {
        case "Fuse":
          fused = true;
          return;
        case "ByteFallback":
          pieces = fused ? whole(pieces, (t) => byteFallback([t]).join("")) : byteFallback(pieces);
          return;
        case "Replace": {
          const { literal, content } = step;
          // A one-unit pattern never spans two tokens, so it applies token by token even after Fuse.
          if (literal !== undefined && (literal.length === 1 || !fused)) pieces = pieces.map((t) => (t.includes(literal) ? t.split(literal).join(content) : t));
          else {
            const regex = new RegExp(step.pattern, "gu");
            const replace = (t: string): string => t.replace(regex, () => content);
            pieces = fused ? whole(pieces, replace) : pieces.map(replace);
          }
          return;
        }
        case "Strip":
          if (!fused) pieces = pieces.map((t) => strip(t, step.content, step.start, step.stop));
          else {
            state.stripLeft[i] = stripStart(pieces, step.content, state.stripLeft[i]);
            stripEnd(pieces, step.content, step.stop);
          }
          return;
        case "Metaspace": {
          const { replacement, prependScheme } = step;
          pieces = pieces.map((t) => t.split(replacement).join(" "));
          // The first token (the whole text, after Fuse) loses a leading space.
          if (state.first && prependScheme !== "never") {
            if (!fused) {
              if (pieces.length && pieces[0].startsWith(" ")) pieces[0] = pieces[0].slice(1);
            } else stripStart(pieces, " ", 1);
          }
          return;
        }
      }
    });
    if (pieces.length) state.first = false;
    return pieces;
  }
}

/** A step on the whole text, after Fuse: its result is the first token's share. */
function whole(pieces: string[], apply: (text: string) => string): string[] {
  const out = pieces.map(() => "");
  if (out.length) out[0] = apply(pieces.join(""));
  return out;
}

/** Each run of byte tokens decoded, its text the run's first token's share (the others' empty). */
function byteFallback(tokens: string[]): string[] {
  const out = tokens.slice();
  let runStart = -1;
  const flush = (end: number): void => {
    if (runStart < 0) return;
    const bytes = Uint8Array.from(tokens.slice(runStart, end), (t) => parseInt(t.slice(3, 5), 16));
    let text: string | undefined;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      text = undefined;
    }
    for (let k = runStart; k < end; k++) out[k] = text === undefined ? "\ufffd" : k === runStart ? text : "";
    runStart = -1;
  };
  tokens.forEach((token, k) => {
    if (token.length === 6 && BYTE_TOKEN.test(token)) {
      if (runStart < 0) runStart = k;
    } else flush(k);
  });
  flush(tokens.length);
  return out;
}

/** Up to `start` leading and `stop` trailing `content` characters of one token removed. */
function strip(token: string, content: string, start: number, stop: number): string {
  const chars = Array.from(token);
  let from = 0;
  while (from < start && from < chars.length && chars[from] === content) from++;
  let to = chars.length;
  while (chars.length - to < stop && to > from && chars[to - 1] === content) to--;
  return from === 0 && to === chars.length ? token : chars.slice(from, to).join("");
}

/** Strips up to `left` leading `content` characters of the joined pieces; returns how many more a later part may lose (0 once a character that is not `content` came). */
function stripStart(pieces: string[], content: string, left: number): number {
  for (let k = 0; k < pieces.length && left > 0; k++) {
    let t = pieces[k];
    while (left > 0 && t.startsWith(content)) {
      t = t.slice(content.length);
      left--;
    }
    pieces[k] = t;
    if (t !== "") return 0;
  }
  return left;
}

/** Strips up to `stop` trailing `content` characters of the joined pieces. */
function stripEnd(pieces: string[], content: string, stop: number): void {
  for (let k = pieces.length - 1; k >= 0 && stop > 0; k--) {
    let t = pieces[k];
    while (stop > 0 && t.endsWith(content)) {
      t = t.slice(0, t.length - content.length);
      stop--;
    }
    pieces[k] = t;
    if (t !== "") return;
  }
}

// The text a SentencePiece-style model sees: each segment between added tokens through the file's
// normalizers in order, then the Metaspace pre-tokenizer's rewrite (spaces to its replacement, which
// it prepends to the first segment or to every one, as its prepend_scheme says). Where each step
// keeps positions or only prepends (what real files use), the seen text maps back to the caller's,
// so token offsets can be given in the caller's text.

import type { MetaspaceStep, TextStep } from "./sentencepiece-steps.js";

type Rewrite = (text: string) => string;

export class SentencePieceText {
  private readonly rewrites: Array<{ prepend?: string; rewrite?: Rewrite }>;
  /** Whether every step keeps positions or prepends, so that offsets map back (seen). */
  readonly alignable: boolean;

  constructor(steps: readonly TextStep[], private readonly metaspace: MetaspaceStep | undefined) {
    let alignable = !metaspace || metaspace.replacement.length === 1;
    this.rewrites = steps.map((step) => {
      if (step.type === "Prepend") return { prepend: step.prepend };
      if (step.type === "Replace") {
        if (step.literal === undefined || step.literal.length !== step.content.length) alignable = false;
        return { rewrite: replacer(step.pattern, step.literal, step.content) };
      }
      alignable = false;
      const form = step.type;
      return { rewrite: (text) => text.normalize(form) };
    });
    this.alignable = alignable;
  }

  /**
   * The segment as the model sees it. `atStart`: it starts the caller's text (Metaspace's "first"
   * prepends only there). When `alignable`, the result is what the prepends added, then the segment
   * rewritten unit for unit.
   */
  normalize(segment: string, atStart: boolean): string {
    let text = segment;
    for (const { prepend, rewrite } of this.rewrites) {
      if (prepend !== undefined) {
        if (text !== "") text = prepend + text; // as Hugging Face's Prepend: an empty text stays empty
      } else text = rewrite!(text);
    }
    const meta = this.metaspace;
    if (meta) {
      text = meta.replacement.includes("$") ? text.split(" ").join(meta.replacement) : text.replaceAll(" ", meta.replacement);
      const prepend = meta.prependScheme === "always" || (meta.prependScheme === "first" && atStart);
      if (prepend && text !== "" && !text.startsWith(meta.replacement)) text = meta.replacement + text;
    }
    return text;
  }
}

function replacer(pattern: string, literal: string | undefined, content: string): Rewrite {
  // replaceAll reads "$&" and the like in a string replacement: only content without "$" goes that way.
  if (literal !== undefined && !content.includes("$")) return (text) => text.replaceAll(literal, content);
  if (literal !== undefined) return (text) => (text.includes(literal) ? text.split(literal).join(content) : text);
  const regex = new RegExp(pattern, "gu");
  // A function, so that "$&" and the like in content are text, as in Hugging Face.
  return (text) => text.replace(regex, () => content);
}

const MARK = "\u2581";

/**
 * `pieces` ([start, end) pairs in `text`) cut further before each "▁" whose previous character no
 * token holds just before a "▁" (`joined`): no merge can then join the two sides, so merging them
 * apart gives the same tokens as merging them together, and the piece cache sees words, not whole
 * texts. (Not for ignore_merges, where a piece that is a token is looked up whole first.)
 */
export function wordCuts(text: string, pieces: number[], joined: ReadonlySet<number>): number[] {
  if (!text.includes(MARK)) return pieces;
  const out: number[] = [];
  for (let i = 0; i < pieces.length; i += 2) {
    let start = pieces[i];
    const end = pieces[i + 1];
    for (let at = text.indexOf(MARK, start + 1); at !== -1 && at < end; at = text.indexOf(MARK, at + 1)) {
      const before = text.charCodeAt(at - 1);
      if (before === 0x2581) continue;
      const low = before >= 0xdc00 && before < 0xe000 && at - 2 >= start;
      if (joined.size && joined.has(low ? text.codePointAt(at - 2)! : before)) continue;
      out.push(start, at);
      start = at;
    }
    out.push(start, end);
  }
  return out;
}

// One encode of a Hugging Face tokenizer: added tokens first (matched in the raw text, leftmost then
// longest, as `tokenizers` does), then NFC on the text between them if the file has that normalizer,
// then the pre-tokenizer: the engine's hand-written scanner when the Split regex is one it has
// ("scanner"), else the host's RegExp with all pieces handed to the engine in one call ("regexp").

import type { TokenEngine } from "../engine/contract.js";
import { disallowedSpecialToken } from "../errors.js";
import type { SpecialPolicy } from "../text/special-policy.js";
import type { HfPipelineConfig } from "./config.js";
import { wellFormed } from "../text/utf8.js";
import { RegexPreTokenizer } from "./pretokenize.js";
import { WHITE_SPACE_RANGES } from "./regex.js";
import { wordCuts, type SentencePieceText } from "./sentencepiece-text.js";
import type { SentencePieceDecoder } from "./sentencepiece-decoder.js";
import { expandPartials } from "../formats/sentencepiece-bpe.js";
import type { ChangedPart, SeenText } from "../text/nfc-map.js";

/** What a SentencePiece-style model adds to the pipeline: its text rewrite and its partial characters. */
export interface SentencePieceModel {
  text: SentencePieceText;
  firstPartialId: number;
  partialBytes: readonly Uint32Array[];
  /** Where words may be cut (see wordCuts); undefined: never (ignore_merges). */
  joinedBeforeMark: ReadonlySet<number> | undefined;
  /** Decoding as the file's decoders do it. */
  decoder: SentencePieceDecoder;
  /** A token's bytes as the model holds them (a <0xNN> token: its byte), or undefined for no token. */
  tokenBytes(id: number): Uint8Array | undefined;
}

export type PreTokenizePath = "scanner" | "regexp";

/** Rust's char::is_whitespace, which lstrip and rstrip take (all in the BMP). */
const WHITE_SPACE = new RegExp(`^[${WHITE_SPACE_RANGES}]$`);

/** What a tokenizer from a tokenizer.json adds to the engine: its pipeline and template. */
export interface HuggingFaceParts {
  pipeline: HfPipeline;
  addSpecialTokens: boolean;
  /** Ids before and after the text when addSpecialTokens is true. */
  prefix: Uint32Array;
  suffix: Uint32Array;
  /** Whether a special token in the text is one (Hugging Face's default); false: an error unless allowed, as tiktoken. */
  specialsAllowedByDefault?: boolean;
  /** Set for SentencePiece-style BPE. */
  sentencePiece?: SentencePieceModel;
}

export class HfPipeline {
  readonly path: PreTokenizePath;
  private readonly regex: RegexPreTokenizer | undefined;
  private readonly specialIds: Map<string, number>;

  constructor(
    private readonly engine: TokenEngine,
    readonly config: HfPipelineConfig,
    specials: ReadonlyArray<readonly [string, number]>,
    forceRegExp: boolean,
    private readonly sentencePiece?: SentencePieceModel,
  ) {
    this.specialIds = new Map(specials);
    // A SentencePiece-style model's text is rewritten first, which the scanners do not do.
    this.path = config.scanner && !forceRegExp && !sentencePiece ? "scanner" : "regexp";
    if (this.path === "regexp") this.regex = new RegexPreTokenizer(config.splits);
    engine.setHuggingFaceOptions({ wholePieceFirst: config.ignoreMerges, singleDigits: this.path === "scanner" && config.scanner!.singleDigits });
  }

  /** Whether text may be cut where tiktoken's patterns allow (segments.ts): only for the scanners' patterns. */
  get windowable(): boolean {
    return this.path === "scanner";
  }

  /** Ids of `text` (`base`: where it starts in a longer text, for error offsets). */
  encode(text: string, policy: SpecialPolicy, base: number): Uint32Array {
    if (this.path === "scanner") return this.engine.encode(this.scannerText(text, policy), policy.roles, base);
    const { parts, cuts } = this.pieces(text, policy, base);
    const ids = this.engine.encodePieces(parts, cuts);
    const sp = this.sentencePiece;
    return sp ? expandPartials(ids, sp.firstPartialId, sp.partialBytes) : ids;
  }

  /** The number of ids `encode` would return. */
  count(text: string, policy: SpecialPolicy, base: number): number {
    if (this.path === "scanner") return this.engine.count(this.scannerText(text, policy), policy.roles, base);
    if (this.sentencePiece) return this.encode(text, policy, base).length; // partial characters count as their bytes
    const { parts, cuts } = this.pieces(text, policy, base);
    return this.engine.countPieces(parts, cuts);
  }

  /** The text the engine's scanner encodes: NFC'd between the added tokens, if the file says so. */
  private scannerText(text: string, policy: SpecialPolicy): string {
    return this.config.normalizer === "NFC" && !isNfc(text) ? this.normalizeBetweenSpecials(text, policy) : text;
  }

  /**
   * The RegExp path: the text cut into the engine's parts (added tokens as ids, the text between them
   * with its pieces). A disallowed added token is an error here, before any piece is cut.
   */
  private pieces(text: string, policy: SpecialPolicy, base: number): { parts: Array<string | number>; cuts: Array<number[] | undefined> } {
    const disallowed = policy.disallowed;
    if (disallowed) {
      disallowed.lastIndex = 0;
      const found = disallowed.exec(text);
      if (found) throw disallowedSpecialToken(found[0], base + found.index);
    }
    const parts: Array<string | number> = [];
    const cuts: Array<number[] | undefined> = [];
    const addText = (segment: string, at: number): void => {
      if (!segment) return;
      // The regex must see what Hugging Face's sees: UTF-8, where a lone surrogate is U+FFFD (a \p{S}).
      segment = wellFormed(segment);
      if (this.config.normalizer === "NFC") segment = segment.normalize("NFC");
      if (this.sentencePiece) segment = this.sentencePiece.text.normalize(segment, base + at === 0);
      if (!segment) return;
      parts.push(segment);
      const pieces = this.regex!.split(segment);
      const joined = this.sentencePiece?.joinedBeforeMark;
      cuts.push(joined ? wordCuts(segment, pieces, joined) : pieces);
    };
    const allowed = policy.allowed;
    let start = 0;
    if (allowed) {
      allowed.lastIndex = 0;
      for (let m = allowed.exec(text); m; m = allowed.exec(text)) {
        const [from, to] = this.tokenSpan(text, start, m.index, m[0]);
        addText(text.slice(start, from), start);
        parts.push(this.specialIds.get(m[0])!);
        cuts.push(undefined);
        start = allowed.lastIndex = to;
      }
    }
    addText(start ? text.slice(start) : text, start);
    return { parts, cuts };
  }

  /** Where an added token found at `at` takes the text to: its own span, and the whitespace its lstrip/rstrip take along. */
  private tokenSpan(text: string, start: number, at: number, token: string): [number, number] {
    let from = at;
    let to = at + token.length;
    const strip = this.config.sentencePiece?.stripAround.get(token);
    if (strip?.lstrip) while (from > start && WHITE_SPACE.test(text[from - 1])) from--;
    if (strip?.rstrip) while (to < text.length && WHITE_SPACE.test(text[to])) to++;
    return [from, to];
  }

  /**
   * The text the model saw, with the way back to `text` (for offsets), or undefined where a step
   * moves characters (see SentencePieceText.alignable).
   */
  seenText(text: string, policy: SpecialPolicy): SeenText | undefined {
    const sp = this.sentencePiece;
    if (!sp) return undefined;
    if (!sp.text.alignable) return undefined;
    const changed: ChangedPart[] = [];
    let seen = "";
    const addText = (from: number, to: number): void => {
      if (from === to) return;
      const segment = wellFormed(text.slice(from, to));
      const normal = sp.text.normalize(segment, from === 0);
      const added = normal.length - segment.length; // what the prepends put in front
      if (added > 0) changed.push({ start: from, end: from, seenStart: seen.length, seenEnd: seen.length + added });
      seen += normal;
    };
    const allowed = policy.allowed;
    let start = 0;
    if (allowed) {
      allowed.lastIndex = 0;
      for (let m = allowed.exec(text); m; m = allowed.exec(text)) {
        const [from, to] = this.tokenSpan(text, start, m.index, m[0]);
        addText(start, from);
        // Whitespace a token takes along is in no token: gone from the seen text.
        if (from < m.index) changed.push({ start: from, end: m.index, seenStart: seen.length, seenEnd: seen.length });
        seen += m[0];
        if (to > m.index + m[0].length) changed.push({ start: m.index + m[0].length, end: to, seenStart: seen.length, seenEnd: seen.length });
        start = allowed.lastIndex = to;
      }
    }
    addText(start, text.length);
    return { text: seen, changed };
  }

  /** NFC of the text between the added tokens that are matched (they are matched before normalizing). */
  private normalizeBetweenSpecials(text: string, policy: SpecialPolicy): string {
    const matcher = policy.special;
    if (!matcher) return text.normalize("NFC");
    let out = "";
    let start = 0;
    matcher.lastIndex = 0;
    for (let m = matcher.exec(text); m; m = matcher.exec(text)) {
      out += text.slice(start, m.index).normalize("NFC") + m[0];
      start = m.index + m[0].length;
    }
    return out + text.slice(start).normalize("NFC");
  }
}

/** Cheap test first: text with nothing above U+02FF is always NFC. */
function isNfc(text: string): boolean {
  return !/[\u0300-\uffff]/.test(text) || text.normalize("NFC") === text;
}

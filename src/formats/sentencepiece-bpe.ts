// SentencePiece-style BPE in a tokenizer.json (Llama 2, Mistral, Gemma, Yi, ...): tokens are strings of
// characters, merges join characters, and a character that is no token falls back to its bytes'
// `<0xNN>` tokens (byte_fallback). The engine merges bytes, so this reader lays the model out for it:
// each token is its UTF-8, and every character that is a token gets merges of its own (first byte +
// second, then + third, ...) ahead of the file's, so the engine rebuilds whole characters before any
// of the file's merges can apply: the same initial symbols as Hugging Face's. The byte-sequence heads
// those merges pass through ("partial" tokens, ids above the file's) can end a merge only where a
// character is no token; the host then swaps each for its bytes' <0xNN> ids (expandPartials).

import { codePointAt, excerpt } from "./invalid.js";
import { describe, fail, isObject, keyPath, readAddedTokens, readMerges, type JsonObject } from "./huggingface.js";
import { isTokenId } from "./vocab-checks.js";
import { BytepairError } from "../errors.js";

export interface SentencePieceBpe {
  /** What the engine packs: id -> bytes, partial characters included (ids from `firstPartialId`). */
  vocab: Map<number, Uint8Array>;
  /** The character merges, then the file's, as byte pairs. */
  merges: Array<[Uint8Array, Uint8Array]>;
  /** The token each merge makes (for packBpe's mergeResults). */
  mergeResults: Uint8Array[];
  /** Every added token: text -> id. */
  specialTokens: Map<string, number>;
  /** Id -> the token's text as the file spells it (byte tokens as "<0xNN>"), for the decoders. */
  tokenText: Map<number, string>;
  /** Id -> the byte a `<0xNN>` token stands for. */
  byteOfToken: Map<number, number>;
  /** Ids from here up are partial characters, which expandPartials replaces. */
  firstPartialId: number;
  /** For partial id firstPartialId + k: the ids of its bytes (or of the added token it stands for). */
  partialBytes: Uint32Array[];
  /** How many of the file's merges there are (after the character merges in `merges`). */
  fileMerges: number;
  /**
   * Code points that some token holds just before a "▁" (other than "▁"): a text may be cut before a
   * "▁" whose previous character is none of these, since no token then spans the cut (wordCuts).
   */
  joinedBeforeMark: Set<number>;
}

/** SentencePiece's word mark, which spaces become. */
export const WORD_MARK = "\u2581";

const BYTE_TOKEN = /^<0x([0-9A-F]{2})>$/;
const LONE_SURROGATE = /\p{Cs}/u;
const utf8 = new TextEncoder();

/** Whether a tokenizer.json's model is SentencePiece-style BPE: byte fallback over characters. */
export function isSentencePieceBpe(root: JsonObject): boolean {
  return isObject(root.model) && root.model.byte_fallback === true;
}

/** Reads the model of a byte_fallback BPE tokenizer.json (its root object, see parseTokenizerJson). */
export function parseSentencePieceBpe(root: JsonObject): SentencePieceBpe {
  const model = root.model;
  if (!isObject(model)) fail("model", `is ${describe(model)}, expected an object`);
  if (!isObject(model.vocab)) fail("model.vocab", `is ${describe(model.vocab)}, expected an object of token -> id`);
  const specialTokens = readAddedTokens(root.added_tokens, model.vocab);

  const tokenText = new Map<number, string>();
  for (const [text, id] of specialTokens) tokenText.set(id, text);
  const charId = new Map<string, number>(); // tokens of one character
  const byteTokenId = new Int32Array(256).fill(-1);
  const byteOfToken = new Map<number, number>();
  const byteTokenBytes = new Set<Uint8Array>(); // the arrays of the <0xNN> tokens, to know them in merges
  const bytesOf = new Map<string, Uint8Array>(); // token text -> bytes, for the merges
  const vocab = new Map<number, Uint8Array>();
  const addedInModel: Array<[string, number]> = [];
  const joinedBeforeMark = new Set<number>();
  const store = new TokenStore();
  const noteMarks = (text: string): void => {
    for (let at = text.indexOf(WORD_MARK, 1); at > 0; at = text.indexOf(WORD_MARK, at + 1)) {
      const low = text.charCodeAt(at - 1);
      const before = at >= 2 && low >= 0xdc00 && low < 0xe000 ? text.codePointAt(at - 2)! : low;
      if (before !== 0x2581) joinedBeforeMark.add(before);
    }
  };
  let maxId = -1;
  const modelVocab = model.vocab;
  for (const text in modelVocab) {
    const id = modelVocab[text];
    const path = (): string => keyPath("model.vocab", text); // built only for an error
    if (!isTokenId(id)) fail(path(), `is ${describe(id)}, not a non-negative integer id`);
    if (id > maxId) maxId = id;
    if (specialTokens.get(text) === id) {
      // An added token is matched in the text before the model runs, but the file's merges may name
      // it (Gemma's runs of newlines), and a normalizer may make its text: it stays a model token too,
      // under an id of its own that expandPartials turns into the added token's.
      addedInModel.push([text, id]);
      noteMarks(text);
      continue;
    }
    const other = tokenText.get(id);
    if (other !== undefined) fail(path(), `has id ${id}, as does ${excerpt(other)}`);
    if (text === "") fail(path(), "is the empty string, which is not a token");
    if (LONE_SURROGATE.test(text)) fail(path(), `has ${codePointAt(text, text.search(LONE_SURROGATE))}, a lone surrogate, which no text holds`);
    tokenText.set(id, text);
    const byte = text.length === 6 && text.charCodeAt(0) === 0x3c ? BYTE_TOKEN.exec(text) : null;
    if (byte) {
      const b = parseInt(byte[1], 16);
      const bytes = Uint8Array.of(b);
      byteTokenId[b] = id;
      byteOfToken.set(id, b);
      byteTokenBytes.add(bytes);
      bytesOf.set(text, bytes);
      continue;
    }
    const bytes = store.bytes(text);
    bytesOf.set(text, bytes);
    vocab.set(id, bytes);
    noteMarks(text);
    if (text.length <= 2 && Array.from(text).length === 1) charId.set(text, id);
  }
  for (const [, id] of specialTokens) if (id > maxId) maxId = id;

  // The 256 byte entries the engine starts from: an ASCII character that is a token is its own
  // (Hugging Face looks a character up before falling back to bytes); any other byte is its <0xNN>.
  const firstPartialId = maxId + 1;
  const partialBytes: Uint32Array[] = [];
  const newPartial = (bytes: Uint8Array, byteIdsOf: Uint32Array): number => {
    const id = firstPartialId + partialBytes.length;
    partialBytes.push(byteIdsOf);
    vocab.set(id, bytes);
    return id;
  };
  const byteIds = new Uint32Array(256);
  for (let b = 0; b < 256; b++) {
    const ascii = b < 0x80 ? charId.get(String.fromCharCode(b)) : undefined;
    if (ascii !== undefined) byteIds[b] = ascii;
    else if (byteTokenId[b] >= 0) {
      byteIds[b] = byteTokenId[b];
      // An array of its own: a merge that names the <0xNN> token is refused by its text's array.
      vocab.set(byteTokenId[b], Uint8Array.of(b));
    } else if (b === 0xc0 || b === 0xc1 || b >= 0xf5) {
      // No well-formed UTF-8 holds these bytes, so the engine never emits this entry.
      byteIds[b] = newPartial(Uint8Array.of(b), new Uint32Array(0));
    } else {
      const hex = b.toString(16).toUpperCase().padStart(2, "0");
      throw new BytepairError(
        "UNSUPPORTED_TOKENIZER",
        `Unsupported tokenizer.json: byte_fallback without a <0x${hex}> token${b < 0x80 ? ` or a token ${excerpt(String.fromCharCode(b))}` : ""} ` +
          "at $.model.vocab (a character with that byte would be <unk>, which bytepair does not implement)",
      );
    }
  }

  for (const [text, id] of addedInModel) {
    const bytes = utf8.encode(text);
    // One byte: a merge of it is a merge of that byte's entry (the model never sees the token's text).
    bytesOf.set(text, vocab.get(bytes.length === 1 ? byteIds[bytes[0]] : newPartial(bytes, Uint32Array.of(id)))!);
  }

  // Character merges through the heads of each multi-byte character that is a token (heads are shared).
  const headId = new Map<string, number>(); // head bytes, one char per byte -> id
  const characterMerges: Array<[Uint8Array, Uint8Array]> = [];
  const mergeResults: Uint8Array[] = [];
  for (const id of charId.values()) {
    const bytes = vocab.get(id)!;
    let left = vocab.get(byteIds[bytes[0]])!;
    let key = String.fromCharCode(bytes[0]);
    for (let i = 1; i < bytes.length; i++) {
      const right = vocab.get(byteIds[bytes[i]])!;
      if (i === bytes.length - 1) {
        characterMerges.push([left, right]);
        mergeResults.push(bytes);
        break;
      }
      key += String.fromCharCode(bytes[i]);
      let head = headId.get(key);
      if (head === undefined) {
        head = newPartial(bytes.slice(0, i + 1), Uint32Array.from(bytes.subarray(0, i + 1), (x) => byteIds[x]));
        headId.set(key, head);
        characterMerges.push([left, right]);
        mergeResults.push(vocab.get(head)!);
      }
      left = vocab.get(head)!;
    }
  }

  const fileMerges = readMerges(model.merges, bytesOf, mergeResults);
  fileMerges.forEach(([left, right], index) => {
    if (byteTokenBytes.has(left) || byteTokenBytes.has(right)) {
      throw new BytepairError("UNSUPPORTED_TOKENIZER", `Unsupported tokenizer.json: model.merges[${index}] merges a <0xNN> byte token, which bytepair does not implement`);
    }
  });
  return {
    vocab,
    merges: [...characterMerges, ...fileMerges],
    mergeResults,
    specialTokens,
    tokenText,
    byteOfToken,
    firstPartialId,
    partialBytes,
    fileMerges: fileMerges.length,
    joinedBeforeMark,
  };
}

/**
 * The tokens' UTF-8, as views of a few large buffers: hundreds of thousands of arrays of their own
 * would each hold a buffer, which slows loading and the garbage collector.
 */
class TokenStore {
  private buffer = new Uint8Array(1 << 20);
  private at = 0;

  bytes(text: string): Uint8Array {
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    if (this.at + text.length * 3 > this.buffer.length) {
      this.buffer = new Uint8Array(Math.max(1 << 20, text.length * 3));
      this.at = 0;
    }
    const { written } = utf8.encodeInto(text, this.buffer.subarray(this.at));
    const view = this.buffer.subarray(this.at, this.at + written);
    this.at += written;
    return view;
  }
}

/** `ids` with each partial character replaced by its bytes' ids (the same array when there is none). */
export function expandPartials(ids: Uint32Array, firstPartialId: number, partialBytes: readonly Uint32Array[]): Uint32Array {
  let extra = 0;
  let any = false;
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] >= firstPartialId) {
      any = true;
      extra += partialBytes[ids[i] - firstPartialId].length - 1;
    }
  }
  if (!any) return ids;
  const out = new Uint32Array(ids.length + extra);
  let at = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id < firstPartialId) out[at++] = id;
    else {
      const bytes = partialBytes[id - firstPartialId];
      out.set(bytes, at);
      at += bytes.length;
    }
  }
  return out;
}

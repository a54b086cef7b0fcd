// Character tokenizer: one token per Unicode code point, the id being the code point itself. The
// vocabulary is every code point (0x110000 ids), most of which a text never uses; lone surrogates
// (U+D800..U+DFFF) are code points too, so any JavaScript string round-trips.

import type { LectureTokenizer } from "./types.js";
import { checkIds, checkId, checkText, utf8Bytes } from "./types.js";

export const CODE_POINTS = 0x110000;

export class CharacterTokenizer implements LectureTokenizer {
  readonly name = "characters";
  readonly vocabSize = CODE_POINTS;

  encode(text: string): Uint32Array {
    checkText(text);
    const ids = new Uint32Array(text.length);
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      ids[n++] = cp;
      if (cp > 0xffff) i++; // a surrogate pair is one code point
    }
    return ids.slice(0, n);
  }

  decode(ids: ArrayLike<number>): string {
    const list = checkIds(ids, this.vocabSize, this.name);
    let text = "";
    for (let i = 0; i < list.length; i += 4096) text += String.fromCodePoint(...Array.prototype.slice.call(list, i, i + 4096));
    return text;
  }

  tokenBytes(id: number): Uint8Array {
    checkId(id, this.vocabSize, this.name);
    return utf8Bytes(String.fromCodePoint(id));
  }
}

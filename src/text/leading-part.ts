// A leading part of a text, at least a given length, that ends where the ids cannot change (a safe
// place, segments.ts): encoding it gives the first ids of the whole text. truncate and chunks encode
// only such a part, so their cost follows the tokens asked for, not the text.

import { SafeCutter, type SpecialMatcher } from "./segments.js";

/**
 * The length of the shortest such part found by feeding `text` to a SafeCutter `units` at a time
 * until a safe place at or past `units` is decided. `final`: `text` is all there is (else the text
 * may go on, and undefined says more of it is needed to decide as the whole text would).
 */
export function leadingPart(text: string, matcher: SpecialMatcher | undefined, keep: number, units: number, final: boolean): number | undefined {
  const cutter = new SafeCutter(matcher, keep);
  for (let pos = 0; ; pos += units) {
    const end = pos + units;
    // The last slice is decided only once the text is known to end there.
    if (end >= text.length && !final) return undefined;
    const cut = cutter.push(text.slice(pos, end));
    if (cut >= units) return cut;
    if (end >= text.length) return text.length;
  }
}

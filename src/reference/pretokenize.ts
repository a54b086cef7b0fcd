// The GPT-2 pre-tokenizer as a JavaScript regular expression, for the naive twins. `\s` is spelled out
// as Unicode White_Space, which is what the pattern means (JavaScript's own `\s` adds U+FEFF and lacks
// U+0085). Character classes come from the JavaScript engine's Unicode version, which may differ from
// the engine's pinned tables on recently assigned characters.

const WHITE_SPACE = "\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

export const GPT2_PRETOKEN = new RegExp(
  [
    "'s|'t|'re|'ve|'m|'ll|'d",
    " ?\\p{L}+",
    " ?\\p{N}+",
    ` ?[^${WHITE_SPACE}\\p{L}\\p{N}]+`,
    `[${WHITE_SPACE}]+(?![^${WHITE_SPACE}])`, // a whitespace run, leaving its last character to the next piece
    `[${WHITE_SPACE}]+`,
  ].join("|"),
  "gu",
);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The pre-tokens of `text`; lone surrogates first become U+FFFD, as they do in UTF-8. */
export function gpt2PreTokens(text: string): string[] {
  return Array.from(text.replace(LONE_SURROGATE, "\ufffd").matchAll(GPT2_PRETOKEN), (m) => m[0]);
}

/**
 * The text between special tokens, in order, and which special token follows each part. At each
 * position the longest special token that occurs there is cut out.
 */
export function splitAroundSpecials(text: string, specials: readonly string[]): Array<{ text: string; special?: string }> {
  const longestFirst = [...specials].sort((a, b) => b.length - a.length);
  const parts: Array<{ text: string; special?: string }> = [];
  let start = 0;
  for (let i = 0; i < text.length; ) {
    const special = longestFirst.find((s) => text.startsWith(s, i));
    if (special === undefined) {
      i++;
      continue;
    }
    parts.push({ text: text.slice(start, i), special });
    i += special.length;
    start = i;
  }
  parts.push({ text: text.slice(start) });
  return parts;
}

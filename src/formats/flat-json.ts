// A strict reader for a JSON object of string keys and integer values, such as GPT-2's vocab.json.
// JSON.parse cannot be used: it keeps the last of two equal keys silently, and its errors give no
// line. This reader sees every key, in order, with its position, so duplicates and bad ids are
// reported where they are.

import { excerpt, invalidVocab, lineAndColumn } from "./invalid.js";

export interface FlatEntry {
  key: string;
  value: number;
  /** Character offset of the key in the text (for messages). */
  offset: number;
}

const WHITESPACE = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const INTEGER = /^(?:0|[1-9][0-9]*)$/;

export function readFlatJsonObject(text: string, fileKind: string): FlatEntry[] {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte order mark is not content
  const fail: (offset: number, what: string) => never = (offset, what) => invalidVocab(`${fileKind} ${lineAndColumn(text, offset)}`, what);
  const skipWhitespace = () => {
    WHITESPACE.lastIndex = at;
    WHITESPACE.test(text);
    at = WHITESPACE.lastIndex;
  };
  const expect = (char: string, what: string) => {
    skipWhitespace();
    if (text[at] !== char) fail(at, `expected ${what}, found ${at < text.length ? excerpt(text.slice(at, at + 20)) : "the end of the file"}`);
    at++;
  };
  const readString = (): string => {
    const start = at;
    let end = at + 1;
    for (;;) {
      end = text.indexOf('"', end);
      if (end === -1) fail(start, "string is not closed");
      let backslashes = 0;
      while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
      if (backslashes % 2 === 0) break; // an even run of backslashes does not escape the quote
      end++;
    }
    at = end + 1;
    try {
      return JSON.parse(text.slice(start, at)) as string;
    } catch {
      return fail(start, `${excerpt(text.slice(start, at))} is not a valid JSON string`);
    }
  };

  const entries: FlatEntry[] = [];
  skipWhitespace();
  if (text[at] !== "{") fail(at, `expected a JSON object of token -> id, found ${excerpt(text.slice(at, at + 20))}`);
  at++;
  skipWhitespace();
  if (text[at] === "}") at++;
  else {
    for (;;) {
      skipWhitespace();
      if (text[at] !== '"') fail(at, `expected a token (a JSON string), found ${excerpt(text.slice(at, at + 20))}`);
      const offset = at;
      const key = readString();
      expect(":", '":" after the token');
      skipWhitespace();
      NUMBER.lastIndex = at;
      const number = NUMBER.exec(text)?.[0];
      if (number === undefined) fail(at, `token ${excerpt(key)} has id ${excerpt(text.slice(at, at + 20))}, not a number`);
      if (!INTEGER.test(number) || !Number.isSafeInteger(Number(number))) {
        fail(at, `token ${excerpt(key)} has id ${number}, not a non-negative integer`);
      }
      at += number.length;
      entries.push({ key, value: Number(number), offset });
      skipWhitespace();
      if (text[at] === ",") {
        at++;
        continue;
      }
      expect("}", '"," or "}"');
      break;
    }
  }
  skipWhitespace();
  if (at < text.length) fail(at, `unexpected ${excerpt(text.slice(at, at + 20))} after the object`);
  return entries;
}

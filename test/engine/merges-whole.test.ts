// Merges mode looks a piece up whole only when its token is reachable whole (assembly/encode/reachable.ts):
// the merge procedure on the token's own bytes ends in exactly that token. Checked against the naive
// merges encoder (src/reference/naive-encode.ts), which never looks anything up whole, on pieces that are
// tokens (every token of a trained vocabulary, as text), on real text, and on hand-made merges where a
// token exists but its bytes merge into other tokens first.

import { expect, test } from "vitest";
import { train, Tokenizer } from "bytepair";
import { naiveEncode } from "../../src/reference/naive-encode.js";
import { corpusText } from "../helpers/corpus.js";

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

test("every token of a trained vocabulary, alone and in text, encodes as the naive merges encoder", async () => {
  const text = corpusText("brown").slice(0, 150_000) + corpusText("udhr").slice(300_000, 360_000);
  const trained = await train(text, { vocabSize: 3000 });
  const bpe = { vocab: trained.vocab, merges: trained.merges, specialTokens: new Map<string, number>() };
  const tokenizer = await Tokenizer.fromBpe({ vocab: trained.vocab, merges: trained.merges });
  const tokenTexts: string[] = [];
  for (const bytes of trained.vocab.values()) {
    try {
      tokenTexts.push(strictUtf8.decode(bytes));
    } catch {
      // not valid UTF-8 alone: cannot be given as text
    }
  }
  expect(tokenTexts.length).toBeGreaterThan(2000);
  // Joined by newlines, each token is (mostly) a piece of its own; twice, the second time from the piece cache.
  const joined = tokenTexts.join("\n");
  const expected = naiveEncode(joined, bpe);
  expect(Array.from(tokenizer.encode(joined))).toEqual(expected);
  expect(Array.from(tokenizer.encode(joined))).toEqual(expected);
  const sample = corpusText("brown").slice(500_000, 540_000) + corpusText("udhr").slice(900_000, 920_000);
  expect(Array.from(tokenizer.encode(sample))).toEqual(naiveEncode(sample, bpe));
});

test("a token whose bytes merge into other tokens first is not taken whole", async () => {
  const b = (s: string) => utf8.encode(s);
  const vocab = new Map<number, Uint8Array>();
  for (let i = 0; i < 256; i++) vocab.set(i, Uint8Array.of(i));
  vocab.set(256, b("ab"));
  vocab.set(257, b("bc"));
  vocab.set(258, b("abc")); // made from "a" + "bc", but in "abc" the merge "a" + "b" comes first
  vocab.set(259, b("xy"));
  vocab.set(260, b("xyz")); // reachable: "x" + "y", then "xy" + "z"
  const merges: Array<[Uint8Array, Uint8Array]> = [
    [b("a"), b("b")],
    [b("b"), b("c")],
    [b("a"), b("bc")],
    [b("x"), b("y")],
    [b("xy"), b("z")],
  ];
  const tokenizer = await Tokenizer.fromBpe({ vocab, merges });
  const bpe = { vocab, merges, specialTokens: new Map<string, number>() };
  for (const text of ["abc", "xyz", "abc xyz abc", "bc", "abcabc", "xyzxyz"]) {
    expect(Array.from(tokenizer.encode(text)), text).toEqual(naiveEncode(text, bpe));
  }
  expect(Array.from(tokenizer.encode("abc"))).toEqual([256, 99]);
  expect(Array.from(tokenizer.encode("xyz"))).toEqual([260]);
});

// The naive trainer is the ground truth for the fast one, so it is proved here on its own: a worked
// example done by hand, the tie rule, special tokens, White_Space, and invariants on many corpora
// checked against an independent recount.

import { describe, expect, test } from "vitest";
import { naiveTrain } from "../../src/reference/naive-train.js";
import { BytepairError } from "../../src/errors.js";
import { randomCorpus } from "../helpers/training-corpora.js";

const utf8 = new TextEncoder();
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/** The merges as pairs of strings, one character per byte (readable for ASCII). */
function mergeStrings(text: string, vocabSize = 10_000, specials: string[] = []): string[][] {
  return naiveTrain(text, vocabSize, specials).merges.map(([a, b]) => [latin1(a), latin1(b)]);
}

describe("a worked example", () => {
  const text = "low low low low low lower lower widest widest widest newest newest newest newest newest newest";

  // The GPT-2 pattern attaches a space to the word after it, so the pre-tokens and their counts are
  //   "low" 1, " low" 4, " lower" 2, " widest" 3, " newest" 6        ("_" is a space below)
  // Step  pairs with the highest count                    chosen (tie: greater first token, then second)
  //  1    (e,s) 9, (s,t) 9                                (s,t)        "s" > "e"
  //  2    (e,st) 9                                        (e,st)
  //  3    (l,o) 7, (o,w) 7                                (o,w)        "o" > "l"
  //  4    (l,ow) 7                                        (l,ow)
  //  5    (_,low) (_,n) (n,e) (e,w) (w,est) all 6         (w,est)      "w" is the greatest first token
  //  6    (_,low) (_,n) (n,e) (e,west) all 6              (n,e)
  //  7    (_,low) (_,ne) (ne,west) all 6                  (ne,west)
  //  8    (_,low) (_,newest) 6                            (_,newest)   firsts equal; "newest" > "low"
  //  9    (_,low) 6                                       (_,low)
  // 10    (_,w) (w,i) (i,d) (d,est) all 3                 (w,i)
  // 11    (_,wi) (wi,d) (d,est) all 3                     (wi,d)
  // 12    (_,wid) (wid,est) 3                             (wid,est)
  // 13    (_,widest) 3                                    (_,widest)
  // 14    (_low,e) 2, (e,r) 2                             (e,r)        "e" > " low"
  // 15    (_low,er) 2                                     (_low,er)
  // Then every pre-token is one token and training stops, below the requested size.
  const expected = [
    ["s", "t"], ["e", "st"], ["o", "w"], ["l", "ow"], ["w", "est"], ["n", "e"], ["ne", "west"],
    [" ", "newest"], [" ", "low"], ["w", "i"], ["wi", "d"], ["wid", "est"], [" ", "widest"], ["e", "r"], [" low", "er"],
  ];

  test("learns the merges in the order computed by hand, then stops when nothing is left to merge", () => {
    expect(mergeStrings(text, 1000)).toEqual(expected);
  });

  test("adds one vocabulary entry per merge, after the 256 bytes", () => {
    const { vocab } = naiveTrain(text, 1000);
    expect(vocab.size).toBe(256 + 15);
    const learned = Array.from({ length: 15 }, (_, i) => latin1(vocab.get(256 + i)!));
    expect(learned).toEqual(["st", "est", "ow", "low", "west", "ne", "newest", " newest", " low", "wi", "wid", "widest", " widest", "er", " lower"]);
  });

  test("stops at the requested vocabulary size", () => {
    const { vocab, merges } = naiveTrain(text, 256 + 6);
    expect(vocab.size).toBe(262);
    expect(merges.map(([a, b]) => [latin1(a), latin1(b)])).toEqual(expected.slice(0, 6));
  });
});

describe("ties go to the lexicographically greater pair", () => {
  test("first tokens differ: the greater first token wins", () => {
    // Pre-tokens "ab", " cd": (a,b), (_,c), (c,d) all occur once.
    expect(mergeStrings("ab cd")[0]).toEqual(["c", "d"]);
  });

  test("first tokens equal: the greater second token wins", () => {
    // Pre-tokens "ab", " ac": (a,b), (_,a), (a,c) all occur once.
    expect(mergeStrings("ab ac")[0]).toEqual(["a", "c"]);
  });

  test("a proper prefix is smaller: second tokens 'a' and 'ab'", () => {
    // "xab" 1, " xa" 1, " ab" 3. Merges (a,b) 4 then (_,ab) 3 leave (x,ab), (_,x), (x,a) at 1 each;
    // "ab" > "a" because "a" is a proper prefix of it.
    expect(mergeStrings("xab xa ab ab ab").slice(0, 3)).toEqual([["a", "b"], [" ", "ab"], ["x", "ab"]]);
  });

  test("a proper prefix is smaller: first tokens 'ab' and 'a'", () => {
    // "abz" 1, " az" 1, " ab" 3. (a,b) 4 ties with (_,a) 4 and wins ("a" > " "); then (_,ab) 3;
    // then (ab,z), (_,a), (a,z) at 1 each: "ab" > "a".
    expect(mergeStrings("abz az ab ab ab").slice(0, 3)).toEqual([["a", "b"], [" ", "ab"], ["ab", "z"]]);
  });

  test("bytes compare unsigned: the bytes of 'é' (C3 A9) beat 'zz'", () => {
    // Pre-tokens "é", " zz": (C3,A9), (_,z), (z,z) all once; 0xC3 > 0x7A ("z").
    const [first] = naiveTrain("é zz", 300).merges;
    expect([hex(first[0]), hex(first[1])]).toEqual(["c3", "a9"]);
  });
});

describe("replacing a pair", () => {
  test("scans left to right without overlap: a a a becomes aa a", () => {
    // (a,a) occurs twice in "aaa" and is merged; the result is [aa, a], so the next pair is (aa, a).
    expect(mergeStrings("aaa")).toEqual([["a", "a"], ["aa", "a"]]);
  });

  test("replaces every occurrence in every pre-token", () => {
    // "abab" 1, " abab" 1: after (a,b) both are all "ab"s, so (ab,ab) occurs twice and wins.
    expect(mergeStrings("abab abab").slice(0, 2)).toEqual([["a", "b"], ["ab", "ab"]]);
  });
});

describe("special tokens", () => {
  test("take ids 0..k-1 in the given order; the bytes follow", () => {
    const { vocab } = naiveTrain("hello world", 300, ["<|endoftext|>", "<|pad|>"]);
    expect(latin1(vocab.get(0)!)).toBe("<|endoftext|>");
    expect(latin1(vocab.get(1)!)).toBe("<|pad|>");
    for (let b = 0; b < 256; b++) expect(Array.from(vocab.get(2 + b)!)).toEqual([b]);
  });

  test("hold their UTF-8 bytes", () => {
    const { vocab } = naiveTrain("x", 257, ["«fin»"]);
    expect(vocab.get(0)).toEqual(utf8.encode("«fin»"));
  });

  test("are cut out: no merge crosses one, none is counted", () => {
    // Without the special "X" this would be one pre-token "aXbaXbaXb"; with it, the parts are
    // "a", "ba", "ba", "b", whose only pair is (b,a).
    expect(mergeStrings("aXbaXbaXb", 1000, ["X"])).toEqual([["b", "a"]]);
  });

  test("at one position, the longest special token wins, whatever the list order", () => {
    // Parts "x", "yx", "yx", "y": only (y,x). Were "<|a|>" cut alone, "<|b|>" would be text and be merged.
    const text = "x<|a|><|b|>yx<|a|><|b|>yx<|a|><|b|>y";
    expect(mergeStrings(text, 1000, ["<|a|>", "<|a|><|b|>"])).toEqual([["y", "x"]]);
    expect(mergeStrings(text, 1000, ["<|a|><|b|>", "<|a|>"])).toEqual([["y", "x"]]);
  });

  test("the leftmost occurrence is cut first", () => {
    // Specials "bc" and "ab" overlap in "abc": "ab" starts first, leaving parts "x", "cx", "cx", "cx".
    expect(mergeStrings("xabcxabcxabcx", 1000, ["bc", "ab"])).toEqual([["c", "x"]]);
  });

  test("duplicates keep their first id", () => {
    const { vocab } = naiveTrain("ab", 258, ["<s>", "</s>", "<s>"]);
    expect(vocab.size).toBe(258);
    expect([latin1(vocab.get(0)!), latin1(vocab.get(1)!)]).toEqual(["<s>", "</s>"]);
    expect(latin1(vocab.get(2)!)).toBe("\0");
  });

  test("the same text as ordinary text is learned like any other", () => {
    // "<|s|>" outside the special list is ordinary punctuation and letters, so its pieces get merged.
    const learned = naiveTrain("<|s|><|s|><|s|>", 400).merges.map(([a, b]) => latin1(a) + latin1(b));
    expect(learned).toContain("|><|");
  });
});

describe("White_Space is Unicode's, not JavaScript's", () => {
  test("U+0085 is whitespace: it separates punctuation", () => {
    // Pre-tokens "!", "\u0085", "?": the only pair is U+0085's two bytes.
    const { merges } = naiveTrain("!\u0085?", 1000);
    expect(merges.map(([a, b]) => [hex(a), hex(b)])).toEqual([["c2", "85"]]);
  });

  test("U+0085 runs split like space runs: the last one starts the next piece", () => {
    // "a\u0085\u0085\u0085b" gives "a", "\u0085\u0085", "\u0085", "b", as "a\t\t\tb" gives "a", "\t\t", "\t", "b":
    // U+0085's bytes merge first (3 times), then the pair of them (once), and nothing crosses a piece.
    const learned = naiveTrain("a\u0085\u0085\u0085b", 1000).merges.map(([a, b]) => hex(a) + hex(b));
    expect(learned).toEqual(["c285", "c285c285"]);
    expect(mergeStrings("a\t\t\tb")).toEqual([["\t", "\t"]]);
  });

  test("U+FEFF is not whitespace: it stays in its punctuation run", () => {
    // One pre-token "!\uFEFF?" (21 EF BB BF 3F), merged until it is a single token.
    const { merges, vocab } = naiveTrain("!\ufeff?", 1000);
    expect(merges).toHaveLength(4);
    expect(vocab.get(256 + 3)).toEqual(utf8.encode("!\ufeff?"));
  });

  test("U+00A0 and U+3000 are whitespace", () => {
    expect(naiveTrain("!\u00a0?", 1000).merges.map(([a, b]) => hex(a) + hex(b))).toEqual(["c2a0"]);
    expect(naiveTrain("!\u3000?", 1000).merges.map(([a, b]) => hex(a) + hex(b)).at(-1)).toBe("e38080");
  });

  test("lone surrogates count as U+FFFD", () => {
    expect(naiveTrain("a\ud800b \udc00c", 1000)).toEqual(naiveTrain("a\ufffdb \ufffdc", 1000));
  });
});

describe("arguments", () => {
  const invalid = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof BytepairError ? e.code : e;
    }
    return "no error";
  };

  test("a vocabulary smaller than the specials plus 256 bytes is refused", () => {
    expect(invalid(() => naiveTrain("abc", 255))).toBe("INVALID_ARGUMENT");
    expect(invalid(() => naiveTrain("abc", 256, ["<s>"]))).toBe("INVALID_ARGUMENT");
    expect(invalid(() => naiveTrain("abc", 256.5))).toBe("INVALID_ARGUMENT");
    expect(() => naiveTrain("abc", 256, ["<s>"])).toThrow(/257 \(1 special tokens \+ 256 bytes\)/);
    expect(naiveTrain("abc", 256).merges).toEqual([]);
    expect(naiveTrain("abc", 257, ["<s>"]).vocab.size).toBe(257);
  });

  test("an empty special token is refused", () => {
    expect(invalid(() => naiveTrain("abc", 300, ["<s>", ""]))).toBe("INVALID_ARGUMENT");
  });

  test("empty text learns nothing", () => {
    expect(naiveTrain("", 300)).toEqual({ vocab: naiveTrain("", 256).vocab, merges: [] });
  });
});

describe("invariants on random corpora, with an independent recount", () => {
  // An independent pre-tokenizer for the recount: White_Space spelled as the Unicode property.
  const pretoken = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\p{White_Space}\p{L}\p{N}]+|\p{White_Space}+(?!\P{White_Space})|\p{White_Space}+/gu;
  const wellFormed = (s: string) => s.replace(/\p{Surrogate}/gu, "\ufffd"); // in "u" mode only lone ones match
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  /** Text between special tokens (a regex alternation, longest first: leftmost, then longest). */
  const parts = (text: string, specials: string[]) =>
    specials.length === 0 ? [text] : text.split(new RegExp([...specials].sort((a, b) => b.length - a.length).map(escape).join("|")));

  /** Pre-tokens as lists of tokens, a token being its bytes in hex: hex order is byte order. */
  function preTokens(text: string, specials: string[]): Map<string, { tokens: string[]; count: number }> {
    const words = new Map<string, { tokens: string[]; count: number }>();
    for (const part of parts(text, specials)) {
      for (const [piece] of wellFormed(part).matchAll(pretoken)) {
        const word = words.get(piece) ?? { tokens: Array.from(utf8.encode(piece), (b) => b.toString(16).padStart(2, "0")), count: 0 };
        word.count++;
        words.set(piece, word);
      }
    }
    return words;
  }

  const SEEDS = 100;
  const EXTRA_MERGES = 50;

  test(`the vocabulary is well formed and every merge was the greatest most frequent pair (${SEEDS} corpora)`, () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const corpus = randomCorpus(seed);
      const k = corpus.specialTokens.length;
      const vocabSize = Math.min(corpus.vocabSize, 256 + k + EXTRA_MERGES);
      const { vocab, merges } = naiveTrain(corpus.text, vocabSize, corpus.specialTokens);
      const where = `seed ${seed}`;

      // Size and contiguous ids: specials, bytes, then one token per merge.
      expect(vocab.size, where).toBeLessThanOrEqual(vocabSize);
      expect(vocab.size, where).toBe(k + 256 + merges.length);
      expect([...vocab.keys()], where).toEqual(Array.from({ length: vocab.size }, (_, i) => i));
      corpus.specialTokens.forEach((s, i) => expect(vocab.get(i), where).toEqual(utf8.encode(s)));
      for (let b = 0; b < 256; b++) expect(Array.from(vocab.get(k + b)!), where).toEqual([b]);

      // Each merge joins two earlier non-special tokens into the next entry.
      const known = new Set<string>(Array.from({ length: 256 }, (_, b) => hex(Uint8Array.of(b))));
      merges.forEach(([left, right], i) => {
        expect(known.has(hex(left)) && known.has(hex(right)), `${where} merge ${i}`).toBe(true);
        const entry = vocab.get(k + 256 + i)!;
        expect(hex(entry), `${where} merge ${i}`).toBe(hex(left) + hex(right));
        // The recount below names tokens by their bytes; it relies on learned tokens being distinct.
        expect(known.has(hex(entry)), `${where} merge ${i} repeats a token`).toBe(false);
        known.add(hex(entry));
      });

      // Every learned token lies inside the text between special tokens, so none holds a special
      // token's bytes unless the text has them outside special tokens.
      const partBytes = parts(corpus.text, corpus.specialTokens).map((p) => Buffer.from(utf8.encode(wellFormed(p))));
      for (const [id, bytes] of vocab) {
        if (id < k + 256) continue;
        expect(partBytes.some((p) => p.includes(bytes)), `${where} token ${id}`).toBe(true);
      }

      // Replay with an independent recount of the pairs at every step.
      const words = [...preTokens(corpus.text, corpus.specialTokens).values()];
      for (let step = 0; step <= merges.length; step++) {
        const counts = new Map<string, number>();
        for (const { tokens, count } of words) {
          for (let i = 0; i + 1 < tokens.length; i++) {
            const key = tokens[i] + "," + tokens[i + 1];
            counts.set(key, (counts.get(key) ?? 0) + count);
          }
        }
        if (step === merges.length) {
          // Training stopped: at the requested size, or because no pair was left.
          if (vocab.size < vocabSize) expect(counts.size, `${where}: stopped early with pairs left`).toBe(0);
          break;
        }
        const [left, right] = merges[step].map(hex);
        const chosen = counts.get(left + "," + right) ?? 0;
        const highest = Math.max(...counts.values());
        expect(chosen, `${where} step ${step}: count of the chosen pair`).toBe(highest);
        const rivals = [...counts].filter(([, c]) => c === highest).map(([key]) => key.split(","));
        const greater = rivals.filter(([a, b]) => a > left || (a === left && b > right));
        expect(greater, `${where} step ${step}: a greater pair with the same count`).toEqual([]);

        for (const word of words) {
          const merged: string[] = [];
          for (let i = 0; i < word.tokens.length; i++) {
            if (word.tokens[i] === left && word.tokens[i + 1] === right) {
              merged.push(left + right);
              i++;
            } else merged.push(word.tokens[i]);
          }
          word.tokens = merged;
        }
      }
    }
  });
});

// Seeded generators for the fuzz suite, written once in plain JavaScript so that both the long-running
// fuzzer (scripts/fuzz.mjs) and the bounded CI test (test/fuzz/text-fuzz.test.ts) draw exactly the same inputs
// from the same seed. Types: test/fuzz/text.d.mts.

/**
 * mulberry32, a small, fast 32-bit PRNG: floats in [0, 1). The tests use it too (test/helpers/random.ts).
 * @param {number} seed
 * @returns {() => number}
 */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @template T @param {() => number} random @param {readonly T[]} items @returns {T} */
export const pick = (random, items) => items[Math.floor(random() * items.length)];
/** @param {() => number} random @param {number} below */
export const randomInt = (random, below) => Math.floor(random() * below);

/** @param {() => number} random @param {number} lo @param {number} hi inclusive */
const inRange = (random, lo, hi) => String.fromCodePoint(lo + randomInt(random, hi - lo + 1));

/** The special tokens of the OpenAI encodings, and look-alikes that are not whole special tokens. */
export const SPECIAL_TOKENS = ["<|endoftext|>", "<|endofprompt|>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>"];
export const SPECIAL_LOOKALIKES = [
  "<|endof", "<|endoftext", "<|endoftext|", "endoftext|>", "<|", "|>", "<||>", "<|im_start|>", "<|ENDOFTEXT|>",
  "<|endoftext|>"[0] + "\u200b" + "|endoftext|>", "<<|endoftext|>>", "<|fim_", "<|endofprompt", "<|endoftext|><|endof",
];

const WORDS = ["the", "of", "Hello", "world", "GPT", "token", "naïve", "café", "iPhone", "HTTPServer", "camelCase", "XMLHttpRequest", "ÀÉÎõ", "straße", "Ωmega", "x"];
const CONTRACTIONS = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'T", "'RE", "'VE", "'M", "'LL", "'D", "'Ll", "'ſ", "'ſt", "\u2019s", "'", "''s", "'x"];
const WHITESPACE = [" ", "  ", "   ", "\n", "\n\n", "\r\n", "\r", "\t", " \n ", "\n ", " \t\n", "\u000b", "\u000c", "\u00a0", "\u3000", "\u2009", "\u1680", "\u205f"];
const ODD = ["\u0085", "\ufeff", "\u200b", "\u2028", "\u2029", "\u200d", "\u200c", "\u200e", "\u200f", "\u180e", "\u00ad", "\u034f", "\u061c", "\ufffd", "\u0000", "\u007f", "\ufffe", "\uffff"];
const EMOJI = [
  "🙂", "👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "👩🏽‍💻", "🧑‍🤝‍🧑", "❤️", "☺︎", "🇺🇳", "🇯🇵🇫🇷", "#️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "👁️‍🗨️", "🚀", "\u{1f600}\u200d", "\u200d👍",
];
// [zero, nine] code points of decimal digit runs in many scripts, and number-like characters.
const DIGIT_SCRIPTS = [0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xe50, 0xed0, 0xf20, 0x1040, 0x17e0, 0x1810, 0xff10, 0x1d7ce, 0x104a0, 0x1e950];
const NUMBER_LIKE = ["²", "³", "¹", "¼", "½", "Ⅻ", "ⅷ", "①", "⑳", "〇", "〺", "𐄇", "٫", "٬", "1,000", "3.14", "1e10", "0x1F"];

/** @param {() => number} random @returns {string} one fragment of text */
function fragment(random) {
  const r = random() * 100;
  if (r < 14) return pick(random, WORDS) + (random() < 0.5 ? " " : "");
  if (r < 20) { // printable ASCII
    let s = "";
    for (let n = 1 + randomInt(random, 8); n > 0; n--) s += inRange(random, 0x20, 0x7e);
    return s;
  }
  if (r < 23) return inRange(random, 0, 0x7f); // any ASCII, controls included
  if (r < 27) return inRange(random, 0x80, 0xff); // Latin-1
  if (r < 31) return pick(random, WORDS).slice(0, 1 + randomInt(random, 3)) + inRange(random, 0x300, 0x36f) + (random() < 0.3 ? inRange(random, 0x300, 0x36f) : "");
  if (r < 35) return pick(random, EMOJI);
  if (r < 39) { // RTL
    let s = "";
    const [lo, hi] = pick(random, [[0x600, 0x6ff], [0x590, 0x5ff], [0x750, 0x77f], [0xfb50, 0xfdff]]);
    for (let n = 1 + randomInt(random, 6); n > 0; n--) s += inRange(random, lo, hi);
    return s + (random() < 0.3 ? " " : "");
  }
  if (r < 43) { // CJK, kana, Hangul
    let s = "";
    const [lo, hi] = pick(random, [[0x4e00, 0x9fff], [0x3040, 0x30ff], [0xac00, 0xd7a3], [0x20000, 0x2a6df], [0xff00, 0xffef]]);
    for (let n = 1 + randomInt(random, 5); n > 0; n--) s += inRange(random, lo, hi);
    return s;
  }
  if (r < 47) return inRange(random, 0x10000, 0x10ffff); // astral, any plane (unassigned and private use too)
  if (r < 52) { // any scalar value in any plane
    const cp = randomInt(random, 0x110000 - 0x800);
    return String.fromCodePoint(cp < 0xd800 ? cp : cp + 0x800);
  }
  if (r < 55) return inRange(random, 0xd800, 0xdfff); // a lone surrogate (or, by chance, a pair)
  if (r < 60) return pick(random, ODD);
  if (r < 70) return pick(random, WHITESPACE);
  if (r < 76) { // digits of a script, 1 to 7 of them
    const zero = pick(random, DIGIT_SCRIPTS);
    let s = "";
    for (let n = 1 + randomInt(random, 7); n > 0; n--) s += String.fromCodePoint(zero + randomInt(random, 10));
    return s;
  }
  if (r < 78) return pick(random, NUMBER_LIKE);
  if (r < 85) return (random() < 0.7 ? pick(random, WORDS) : "") + pick(random, CONTRACTIONS) + (random() < 0.5 ? " " : pick(random, WORDS));
  if (r < 90) return pick(random, [".", ",", "!", "?", "...", "--", "()", "{}", "«»", "—", "…", "=>", "//", "\"", ":", ";", "@", "#", "$", "%", "^", "&", "*", "_", "~", "`", "|", "\\"]);
  if (r < 96) return pick(random, SPECIAL_TOKENS);
  return pick(random, SPECIAL_LOOKALIKES);
}

/**
 * A seeded random string: mostly up to 200 UTF-16 units, sometimes up to a few thousand, drawn from
 * fragments weighted toward what tokenizers get wrong (see the lists above).
 * @param {number} seed
 * @returns {string}
 */
export function fuzzText(seed) {
  const random = prng(seed);
  const target = random() < 0.85 ? randomInt(random, 200) : randomInt(random, 4000);
  let text = "";
  while (text.length < target) {
    let piece = fragment(random);
    if (random() < 0.15) piece = piece.repeat(2 + randomInt(random, 20)); // long runs: whitespace, digits, letters
    text += piece;
  }
  return text;
}

/**
 * Seeded token ids for decode: mostly valid ids below `vocabSize`, sometimes out of range, negative,
 * fractional or not finite, and ids of special tokens and of tokens that are part of a character.
 * @param {number} seed
 * @param {number} vocabSize
 * @returns {number[]}
 */
export function fuzzIds(seed, vocabSize) {
  const random = prng(seed ^ 0x5bd1e995);
  const n = randomInt(random, random() < 0.9 ? 40 : 1000);
  const bad = random() < 0.4; // otherwise every id is an in-range integer (gaps aside)
  const ids = [];
  for (let i = 0; i < n; i++) {
    const r = random();
    if (bad && r < 0.03) ids.push(pick(random, [-1, -0, vocabSize, vocabSize + 1, 2 ** 32, 2 ** 32 - 1, 2 ** 31, 1.5, 0.1, -1.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, 1e-300]));
    else if (r < 0.5) ids.push(randomInt(random, 256)); // single bytes and short tokens
    else if (r < 0.55) ids.push(vocabSize - 1 - randomInt(random, 30)); // special tokens and gaps
    else ids.push(randomInt(random, vocabSize));
  }
  return ids;
}

const TRAIN_WORDS = ["low", "lower", "newest", "widest", "the", "a", "ab", "aab", "ba", "Hello", "café", "日本語", "привет", "🙂", "e\u0301", "ſ", "'s", "'LL", "123", "4567", "٣٤", "  ", "\n", "\r\n", "\t", "\u0085", "\ufeff", "\u00a0", ".", "!!", "…"];
const TRAIN_SPECIAL_SETS = [[], [], ["<|endoftext|>"], ["<|endoftext|>", "<|pad|>"], ["<|a|>", "<|a|><|b|>"], ["ab"], ["\n\n"]];

/**
 * A seeded small training corpus with its options: text of 0 to about 6,000 UTF-16 units from a
 * small vocabulary of words (so pair counts tie often), special tokens, a pattern and a vocabulary size.
 * @param {number} seed
 * @returns {{ text: string, specialTokens: string[], vocabSize: number, pattern: "gpt2" | "cl100k" | "o200k" }}
 */
export function fuzzCorpus(seed) {
  const random = prng(seed ^ 0x27d4eb2f);
  const words = TRAIN_WORDS.filter(() => random() < 0.4);
  if (words.length === 0) words.push("ab");
  const specialTokens = [...pick(random, TRAIN_SPECIAL_SETS)];
  const target = Math.round(6000 * random() ** 2);
  let text = "";
  while (text.length < target) {
    const r = random();
    if (r < 0.7) text += pick(random, words);
    else if (r < 0.85) text += " ";
    else if (r < 0.9 && specialTokens.length > 0) text += pick(random, specialTokens);
    else if (r < 0.95) text += fragment(random);
    else text += pick(random, words) + pick(random, words);
  }
  const pattern = pick(random, /** @type {const} */ (["gpt2", "cl100k", "o200k"]));
  const vocabSize = 256 + specialTokens.length + randomInt(random, 400);
  return { text, specialTokens, vocabSize, pattern };
}

/**
 * `text` cut into consecutive chunks of 1 to `max` UTF-16 units (lone surrogate halves included: a
 * chunk may end between the two halves of a pair).
 * @param {string} text
 * @param {number} seed
 * @param {number} max
 * @returns {string[]}
 */
export function randomChunks(text, seed, max) {
  const random = prng(seed ^ 0x165667b1);
  const chunks = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + randomInt(random, max);
    chunks.push(text.slice(i, i + n));
    i += n;
  }
  return chunks;
}

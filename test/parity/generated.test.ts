// Text made to hit the pre-tokenizers' rules and the merge loop's corners: hand-picked edge cases,
// then seeded random strings from an alphabet of troublesome fragments. Ids must equal tiktoken's.

import { describe, expect, test } from "vitest";
import { getEncoding } from "bytepair";
import { describeDifference, reference, ALL_ENCODINGS, RANK_SETS } from "../helpers/reference.js";
import { ENGINES } from "../helpers/engines.js";
import { prng, pick, randomInt } from "../helpers/random.js";

const EDGE_CASES = [
  "",
  " ",
  "\n",
  "Hello, world!",
  "\ufeffHello", // a leading U+FEFF is text, not a byte-order mark
  "a\ufeffb \ufeff",
  "line\u0085next \u0085\u0085 x", // U+0085 NEXT LINE is White_Space
  "a\u00a0b\u2028c\u2029d\u3000e\u200bf\u180eg",
  "\t\t x\r\n\r\n  \n y \u000b\u000c z   ",
  "   leading and trailing   ",
  "x \n\n\n  y",
  "I'm you're we've he'd they'll it's don't",
  "I'M YOU'RE WE'VE HE'D THEY'LL IT'S DON'T",
  "'s 's'S 'ſ 'ſt 'St 'sT 'Ll 'lL 're're're ''s '''",
  "\u212a 'K Kelvin \u212aelvin \u0130stanbul \u0131",
  "CamelCaseWordsAndHTTPServerXMLParser iPhone McDonald'S",
  "ǅungla ǈ ǋ ᾈᾉ Σίσυφος ΣΊΣΥΦΟΣ",
  "1234567890 12 123 1234 ١٢٣٤٥ ४५६७८ １２３４ Ⅻ ½ ²³",
  "3.14159 1,000,000 -42 +7 0x1F 1e10 2024-05-13",
  "$$$ ... !!! ??? --- ___ *** /// \\\\ ||| <<< >>>",
  "<|endoftext|> <|fim_prefix|> <|endofprompt|>", // ordinary text here
  "日本語のテキスト、中文文本，한국어 텍스트",
  "مرحبا بالعالم שלום עולם",
  "नमस्ते दुनिया ਸਤ ਸ੍ਰੀ ਅਕਾਲ வணக்கம் ສະບາຍດີ ជំរាបសួរ",
  "👋🏽 👨‍👩‍👧‍👦 🏳️‍🌈 ❤️ 🇺🇳 ✊🏿",
  "e\u0301 \u0301\u0301\u0301 a\u0308\u0304 \u0e01\u0e34",
  "\ud800 lone \udfff surrogates \ud83d", // become U+FFFD, as TextEncoder does
  "\u0000\u0001\u001f\u007f",
  "a".repeat(300),
  " ".repeat(300) + "x",
  "\n".repeat(100) + " ".repeat(100),
  "ab".repeat(200),
  "🙂".repeat(150),
];

// Fragments chosen to sit on the patterns' boundaries: letters of every case class, marks,
// digits of many scripts, contractions in every case, whitespace kinds, punctuation, emoji.
const FRAGMENTS = [
  "a", "b", "z", "A", "Z", "é", "É", "ß", "ſ", "\u212a", "ǅ", "ʰ", "ª", "中", "日本", "한", "ا", "ש", "ก", "अ", "\u0301", "\u0308", "\u093f",
  "0", "1", "9", "12", "345", "٣", "४", "５", "Ⅻ", "½", "²",
  "'", "'s", "'S", "'t", "'T", "'re", "'RE", "'ve", "'m", "'M", "'ll", "'LL", "'d", "'D", "'ſ", "’s",
  " ", "  ", "\t", "\n", "\r\n", "\r", "\u000b", "\u000c", "\u0085", "\u00a0", "\u2028", "\u3000", "\ufeff", "\u200b",
  ".", ",", "!", "?", "-", "_", "(", ")", "<", ">", "/", "\\", "@", "#", "$", "%", "&", "*", "+", "=", "~", "`", "\"",
  "😀", "👍🏽", "‍", "️", "🇯🇵", "\ud800", "\udc00", "\u0000",
  "hello", "World", "HTTP", "Server", "the", " the", " The", "ing", "JSON", "iPhone", "McD",
  "<|endoftext|>", "<|fim_prefix|>", "<|endofprompt|>", "<|", "|>",
];

function randomText(random: () => number): string {
  let s = "";
  const n = 1 + randomInt(random, 40);
  for (let i = 0; i < n; i++) s += pick(random, FRAGMENTS);
  return s;
}

describe.each(ENGINES)("%s engine", (engine) => {
  describe.each(ALL_ENCODINGS)("%s", (name) => {
    test("edge cases", async () => {
      const ours = await getEncoding(name, { engine });
      for (const text of EDGE_CASES) {
        const problem = describeDifference(name, ours.encodeOrdinary(text), reference(name).encode_ordinary(text), JSON.stringify(text));
        if (problem) expect.fail(problem);
      }
    });
  });

  const RANDOM_STRINGS_PER_ENCODING = 50_000;

  describe.each(RANK_SETS)("%s", (name) => {
    test(`${RANDOM_STRINGS_PER_ENCODING} seeded random strings, one at a time and all joined`, async () => {
      const ours = await getEncoding(name, { engine });
      const ref = reference(name);
      const random = prng(0xb17e + name.length);
      const texts = Array.from({ length: RANDOM_STRINGS_PER_ENCODING }, () => randomText(random));
      for (const text of texts) {
        const problem = describeDifference(name, ours.encodeOrdinary(text), ref.encode_ordinary(text), JSON.stringify(text));
        if (problem) expect.fail(problem);
      }
      const joined = texts.join("");
      expect(describeDifference(name, ours.encodeOrdinary(joined), ref.encode_ordinary(joined), "joined")).toBeNull();
    });
  });
});

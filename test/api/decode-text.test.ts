// decode(ids) makes its string in the engine (UTF-8 to UTF-16, assembly/lib/utf16.ts) rather than with
// TextDecoder: it must equal what TextDecoder makes of the same bytes, for any byte sequence ids can
// form, valid or not (one U+FFFD per maximal subpart, surrogates and overlongs invalid).

import { describe, expect, test } from "vitest";
import { getEncoding, type Tokenizer } from "bytepair";
import { corpusDocuments } from "../helpers/corpus.js";
import { prng, randomInt } from "../helpers/random.js";
import { reference } from "../helpers/reference.js";
import { ENGINES } from "../helpers/engines.js";

// What Tokenizer.decode promises: a leading U+FEFF is text, not a byte-order mark.
const textDecoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** The id of each single-byte token, by byte. */
function byteTokens(tok: Tokenizer): number[] {
  const ids: number[] = new Array(256);
  for (let id = 0; id < tok.vocabSize; id++) {
    let bytes: Uint8Array;
    try {
      bytes = tok.tokenToBytes(id);
    } catch {
      continue;
    }
    if (bytes.length === 1) ids[bytes[0]] = id;
  }
  expect(ids.filter((id) => id !== undefined).length).toBe(256);
  return ids;
}

/** Fails with the ids and bytes when decode(ids) differs from TextDecoder on decodeBytes(ids). */
function expectTextDecoderString(tok: Tokenizer, ids: number[]): void {
  const got = tok.decode(ids);
  const bytes = tok.decodeBytes(ids);
  const want = textDecoder.decode(bytes);
  if (got !== want) {
    let at = 0;
    while (got[at] === want[at]) at++;
    const hex = Array.from(bytes.subarray(0, 64), (b) => b.toString(16).padStart(2, "0")).join(" ");
    expect.fail(
      `${ids.length} ids, ${bytes.length} bytes (${hex}${bytes.length > 64 ? " ..." : ""}): strings differ at unit ${at}: ` +
        `${JSON.stringify(got.slice(Math.max(0, at - 8), at + 8))} != ${JSON.stringify(want.slice(Math.max(0, at - 8), at + 8))}`,
    );
  }
}

/** Runs `check` as in a runtime without Node's Buffer class (browsers, workerd): decode then makes the string with a utf-16le TextDecoder. */
function withoutBuffer(check: () => void): void {
  const saved = globalThis.Buffer;
  (globalThis as { Buffer?: unknown }).Buffer = undefined;
  try {
    check();
  } finally {
    globalThis.Buffer = saved;
  }
}

// Bytes that start, continue, bound or break sequences: every lead class and the edges of the
// second-byte ranges (E0 A0, ED 9F/A0, F0 90, F4 8F/90), overlong leads C0 C1, and F5..FF.
const EDGE_BYTES = [
  0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3,
  0xf4, 0xf5, 0xff,
];

describe.each(ENGINES)("%s engine", (engine) => {
  describe.each(["o200k_base", "cl100k_base"] as const)("%s", (name) => {
    test.each(["with", "without"])("every sequence of up to four edge bytes, after 0-9 ASCII bytes, decodes as TextDecoder does (%s Buffer)", async (buffer) => {
      const tok = await getEncoding(name, { engine });
      const byId = byteTokens(tok);
      const ascii = byId[0x61];
      const n = EDGE_BYTES.length;
      const check = () => {
        for (let k = 0; k < n ** 4; k++) {
          const seq = [EDGE_BYTES[k % n], EDGE_BYTES[Math.floor(k / n) % n], EDGE_BYTES[Math.floor(k / n ** 2) % n], EDGE_BYTES[Math.floor(k / n ** 3)]];
          // Prefixes of the ASCII run move the sequence across the converter's 8-byte words.
          const prefix = new Array<number>(k % 10).fill(ascii);
          expectTextDecoderString(tok, [...prefix, ...seq.map((b) => byId[b])]);
          expectTextDecoderString(tok, [...prefix, ...seq.slice(0, 1 + (k % 4)).map((b) => byId[b])]); // cut at the end
        }
      };
      if (buffer === "with") check();
      else withoutBuffer(check);
    });

    test("every two-byte sequence, and a leading byte-order mark, decode as TextDecoder does", async () => {
      const tok = await getEncoding(name, { engine });
      const byId = byteTokens(tok);
      for (let a = 0; a < 256; a++) {
        for (let b = 0; b < 256; b++) expectTextDecoderString(tok, [byId[a], byId[b], byId[0x20], byId[a], byId[b]]);
      }
      expectTextDecoderString(tok, [0xef, 0xbb, 0xbf, 0x41].map((b) => byId[b]));
      expect(tok.decode([0xef, 0xbb, 0xbf].map((b) => byId[b]))).toBe("\ufeff");
    });

    test("random ids (byte tokens 128-255 among whole tokens) decode as TextDecoder does, and as tiktoken's bytes", async () => {
      const tok = await getEncoding(name, { engine });
      const ref = reference(name);
      const byId = byteTokens(tok);
      // Ordinary tokens only: tiktoken's decode takes special ids too, but they are not the point here.
      const ordinary = [...Array(tok.vocabSize).keys()].filter((id) => {
        try {
          return tok.tokenToBytes(id).length > 0 && ![...tok.specialTokens.values()].includes(id);
        } catch {
          return false;
        }
      });
      const nonAscii = ordinary.filter((id) => tok.tokenToBytes(id).some((b) => b >= 0x80));
      const random = prng(2024);
      for (let round = 0; round < 3000; round++) {
        const ids: number[] = [];
        const length = randomInt(random, round < 2000 ? 24 : 600);
        for (let i = 0; i < length; i++) {
          const kind = randomInt(random, 4);
          if (kind === 0) ids.push(byId[128 + randomInt(random, 128)]);
          else if (kind === 1) ids.push(nonAscii[randomInt(random, nonAscii.length)]);
          else if (kind === 2) ids.push(byId[0x20 + randomInt(random, 0x5f)]);
          else ids.push(ordinary[randomInt(random, ordinary.length)]);
        }
        expectTextDecoderString(tok, ids);
        const theirs = ref.decode(Uint32Array.from(ids));
        expect(tok.decode(Uint32Array.from(ids))).toBe(textDecoder.decode(theirs));
      }
    });

    test("multilingual documents round-trip, from arrays and from Uint32Array", async () => {
      const tok = await getEncoding(name, { engine });
      for (const doc of corpusDocuments("udhr")) {
        const ids = tok.encodeOrdinary(doc);
        expect(tok.decode(ids)).toBe(doc);
        expect(tok.decode(Array.from(ids))).toBe(doc);
        withoutBuffer(() => expect(tok.decode(ids)).toBe(doc));
      }
    });
  });
});

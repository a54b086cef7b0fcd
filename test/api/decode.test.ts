// Decoding: every token's bytes equal tiktoken's; text round-trips; invalid UTF-8 becomes U+FFFD.

import { describe, expect, test } from "vitest";
import { getEncoding } from "bytepair";
import { corpusText } from "../helpers/corpus.js";
import { reference, ALL_ENCODINGS } from "../helpers/reference.js";
import { ENGINES } from "../helpers/engines.js";

const bytesEqual = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

describe.each(ENGINES)("%s engine", (engine) => {
  describe.each(ALL_ENCODINGS)("%s", (name) => {
    test("every token id has tiktoken's bytes, and ids that are no token are errors", async () => {
      const ours = await getEncoding(name, { engine });
      const ref = reference(name);
      const specialIds = new Set(ours.specialTokens.values());
      let tokens = 0;
      for (let id = 0; id < ours.vocabSize; id++) {
        let expected: Uint8Array | undefined;
        try {
          expected = ref.decode_single_token_bytes(id);
        } catch {
          expected = undefined; // a gap in the ids (p50k has none at 50256 but the special)
        }
        if (expected === undefined) {
          expect(() => ours.tokenToBytes(id)).toThrow(/not a token/);
          continue;
        }
        tokens++;
        const got = ours.tokenToBytes(id);
        if (!bytesEqual(got, expected)) expect.fail(`token ${id}: ${Array.from(got)} != ${Array.from(expected)}`);
        if (!specialIds.has(id) && !bytesEqual(ours.decodeBytes([id]), expected)) expect.fail(`decodeBytes([${id}])`);
      }
      expect(tokens).toBeGreaterThan(50_000);
    });

    test("decode and decodeBytes of encoded multilingual text round-trip", async () => {
      const ours = await getEncoding(name, { engine });
      const text = corpusText("udhr").slice(0, 2_000_000) + "\ufeff<|endoftext|>";
      const ids = ours.encode(text, { allowedSpecial: "all" });
      expect(ours.decode(ids)).toBe(text);
      expect(ours.decode(Array.from(ids))).toBe(text);
      expect(bytesEqual(ours.decodeBytes(ids), reference(name).decode(ids))).toBe(true);
    });
  });

  test("bytes that are not valid UTF-8 decode to U+FFFD, as TextDecoder does", async () => {
    const ours = await getEncoding("cl100k_base", { engine });
    const ids = ours.encode("é😀中");
    // Every prefix of the ids may end inside a character.
    for (let n = 0; n <= ids.length; n++) {
      const bytes = ours.decodeBytes(ids.subarray(0, n));
      expect(ours.decode(ids.subarray(0, n))).toBe(new TextDecoder().decode(bytes));
    }
    const lone = [...ours.encode("😀")].slice(0, 1);
    expect(ours.decode(lone)).toContain("\ufffd");
    expect(ours.decode([])).toBe("");
    expect(ours.decodeBytes([]).length).toBe(0);
  });

  test("a token's bytes are a copy: changing them changes nothing", async () => {
    const ours = await getEncoding("o200k_base", { engine });
    const id = ours.encode("hello")[0];
    const first = ours.tokenToBytes(id);
    first.fill(0);
    expect(new TextDecoder().decode(ours.tokenToBytes(id))).toBe("hello");
    const bytes = ours.decodeBytes([id]);
    bytes.fill(0);
    expect(ours.decode([id])).toBe("hello");
  });
});

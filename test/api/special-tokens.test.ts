// Special tokens follow tiktoken: an error by default, ids when allowed, plain text when neither
// allowed nor disallowed; the same ids, the same offsets.

import { describe, expect, test } from "vitest";
import { getEncoding, BytepairError, Tokenizer } from "bytepair";
import { describeDifference, reference, referenceRegistry, ALL_ENCODINGS } from "../helpers/reference.js";
import { ENGINES } from "../helpers/engines.js";

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe.each(ENGINES)("%s engine", (engine) => {
  describe.each(ALL_ENCODINGS)("%s", (name) => {
    const specials = Object.entries(referenceRegistry[name].special_tokens);

    test("special tokens and vocabSize are tiktoken's", async () => {
      const ours = await getEncoding(name, { engine });
      expect([...ours.specialTokens].sort()).toEqual(specials.sort());
      // tiktoken's n_vocab: one more than the largest id, ordinary or special.
      const ref = reference(name);
      let largest = Math.max(...specials.map(([, id]) => id));
      for (const bytes of ref.token_byte_values()) largest = Math.max(largest, ref.encode_single_token(Uint8Array.from(bytes)));
      expect(ours.vocabSize).toBe(largest + 1);
      for (const [text, id] of specials) expect(Array.from(reference(name).encode(text, "all"))).toEqual([id]);
    });

    test("text with a special token is an error by default, naming it and its offset", async () => {
      const ours = await getEncoding(name, { engine });
      for (const [special] of specials) {
        const text = `naïve 👋 ${special} after`;
        expect(thrown(() => reference(name).encode(text))).toBeDefined();
        for (const f of [() => ours.encode(text), () => ours.count(text), () => ours.encode(text, { allowedSpecial: [] })]) {
          const e = thrown(f);
          expect(e).toBeInstanceOf(BytepairError);
          expect(e).toMatchObject({ code: "DISALLOWED_SPECIAL_TOKEN", token: special, offset: text.indexOf(special) });
          expect((e as Error).message).toContain(special);
        }
      }
    });

    test("allowed, listed, and ordinary special tokens encode as tiktoken does", async () => {
      const ours = await getEncoding(name, { engine });
      const names = specials.map(([s]) => s);
      const text = `start${names.join(" mid ")}${names.join("")}\n${names[0].slice(0, -1)}${names[0]} end${names[0]}`;
      const cases: [string, () => Uint32Array, () => Uint32Array][] = [
        ["all", () => ours.encode(text, { allowedSpecial: "all" }), () => reference(name).encode(text, "all")],
        ["ordinary", () => ours.encodeOrdinary(text), () => reference(name).encode_ordinary(text)],
        ["disallowed none", () => ours.encode(text, { disallowedSpecial: [] }), () => reference(name).encode(text, [], [])],
        ["one allowed", () => ours.encode(text, { allowedSpecial: [names[0]], disallowedSpecial: [] }), () => reference(name).encode(text, [names[0]], [])],
        ["set allowed", () => ours.encode(text, { allowedSpecial: new Set(names) }), () => reference(name).encode(text, names)],
      ];
      for (const [label, a, b] of cases) {
        expect(describeDifference(name, a(), b(), label)).toBeNull();
        expect(a().length).toBeGreaterThan(0);
      }
      expect(ours.count(text, { allowedSpecial: "all" })).toBe(ours.encode(text, { allowedSpecial: "all" }).length);
    });

    test("only the listed special tokens are errors when disallowedSpecial is a list", async () => {
      if (specials.length < 2) return;
      const ours = await getEncoding(name, { engine });
      const [[first], [second]] = specials;
      const text = `x ${second} y ${first}`;
      expect(thrown(() => ours.encode(text, { disallowedSpecial: [first] }))).toMatchObject({ token: first, offset: text.indexOf(first) });
      expect(thrown(() => reference(name).encode(text, [], [first]))).toBeDefined();
      expect(thrown(() => ours.encode(text, { allowedSpecial: [first], disallowedSpecial: [second] }))).toMatchObject({
        token: second,
        offset: 2,
      });
      const ids = ours.encode(text, { allowedSpecial: [first], disallowedSpecial: [] });
      expect(describeDifference(name, ids, reference(name).encode(text, [first], []), "first allowed, second text")).toBeNull();
      expect(ids[ids.length - 1]).toBe(ours.specialTokens.get(first));
    });
  });

  test("a special token in both lists is disallowed, as in tiktoken", async () => {
    const ours = await getEncoding("cl100k_base", { engine });
    const text = "a <|endoftext|>";
    expect(thrown(() => reference("cl100k_base").encode(text, ["<|endoftext|>"], ["<|endoftext|>"]))).toBeDefined();
    expect(thrown(() => ours.encode(text, { allowedSpecial: ["<|endoftext|>"], disallowedSpecial: ["<|endoftext|>"] })))
      .toMatchObject({ code: "DISALLOWED_SPECIAL_TOKEN", token: "<|endoftext|>", offset: 2 });
  });

  test("the first special token in the text is the one reported", async () => {
    const ours = await getEncoding("cl100k_base", { engine });
    const text = "日本 <|fim_middle|> <|endoftext|>";
    expect(thrown(() => ours.encode(text))).toMatchObject({ token: "<|fim_middle|>", offset: 3 });
  });

  test("special tokens that start with different bytes are all found (the search without the one-byte fast path)", async () => {
    const cl100k = await getEncoding("cl100k_base", { engine });
    const specialTokens = new Map([["<|a|>", 100300], ["[X]", 100301], ["x!", 100302]]);
    const ours = await Tokenizer.fromTiktoken(cl100k.toTiktoken(), { pattern: "cl100k", specialTokens, engine });
    const ordinary = (t: string) => Array.from(cl100k.encodeOrdinary(t));
    const text = "long text first, then [X] and <|a|> and x! end";
    expect(Array.from(ours.encode(text, { allowedSpecial: "all" }))).toEqual([
      ...ordinary("long text first, then "), 100301, ...ordinary(" and "), 100300, ...ordinary(" and "), 100302, ...ordinary(" end"),
    ]);
    expect(thrown(() => ours.encode(text))).toMatchObject({ code: "DISALLOWED_SPECIAL_TOKEN", token: "[X]", offset: text.indexOf("[X]") });
  });

  test("offsets count UTF-16 code units, lone surrogates included", async () => {
    const ours = await getEncoding("o200k_base", { engine });
    const text = "\ud800😀é<|endoftext|>";
    expect(thrown(() => ours.encode(text))).toMatchObject({ offset: 4 });
  });

  test("an unknown special token name in the options is an argument error", async () => {
    const ours = await getEncoding("o200k_base", { engine });
    for (const options of [{ allowedSpecial: ["<|fim_prefix|>"] }, { disallowedSpecial: ["nope"] }, { allowedSpecial: "<|endoftext|>" }]) {
      expect(thrown(() => ours.encode("x", options as never))).toMatchObject({ code: "INVALID_ARGUMENT" });
    }
  });
});

// A call that fails, or is far too large, grows the engine's memory no further than it needs and
// leaves every later call right: the views the host writes through are bounded by the call, sizes
// are checked before memory is reserved, and isWithinTokenLimit does not encode what it need not.

import { describe, expect, test } from "vitest";
import { getEncoding, BytepairError } from "bytepair";
import { reference } from "../helpers/reference.js";
import { ENGINES } from "../helpers/engines.js";

const SAMPLE = "Still right: naïve café, 日本語, 12345 👋";

async function expectStillRight(name: "r50k_base" | "o200k_base", engine: "wasm" | "js" = "wasm"): Promise<void> {
  const enc = await getEncoding(name, { engine });
  const expected = Array.from(reference(name).encode(SAMPLE));
  expect(Array.from(enc.encode(SAMPLE))).toEqual(expected);
  expect(enc.count(SAMPLE)).toBe(expected.length);
  expect(enc.isWithinTokenLimit(SAMPLE, 100)).toBe(expected.length);
  expect(enc.isWithinTokenLimit(SAMPLE, 1)).toBe(false);
}

function thrown(f: () => unknown): BytepairError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(BytepairError);
    return e as BytepairError;
  }
  throw new Error("expected a BytepairError");
}

describe.each(ENGINES)("%s engine", (engine) => {
  test("a decode that fails at its first id reserves nothing for the rest", async () => {
    const enc = await getEncoding("r50k_base", { engine });
    enc.encode(SAMPLE);
    const before = enc.memoryBytes;
    // An array-like of 600M ids whose first is no token: the ids would take 2.4 GB.
    const error = thrown(() => enc.decode({ length: 600_000_000 } as ArrayLike<number>));
    expect(error).toMatchObject({ code: "INVALID_TOKEN_ID", index: 0 });
    expect(enc.memoryBytes).toBeLessThan(before + (1 << 20)); // one block of ids at most
    await expectStillRight("r50k_base", engine);
  });

  test("ids lengths that no array has are INVALID_ARGUMENT", async () => {
    const enc = await getEncoding("r50k_base", { engine });
    for (const length of [-1, 2.5, Number.NaN, 2 ** 40, Infinity]) {
      expect(thrown(() => enc.decode({ length } as ArrayLike<number>)).code).toBe("INVALID_ARGUMENT");
      expect(thrown(() => enc.decodeBytes({ length } as ArrayLike<number>)).code).toBe("INVALID_ARGUMENT");
    }
  });

  test("isWithinTokenLimit on 50M characters with no place to cut answers without encoding them", async () => {
    const enc = await getEncoding("o200k_base", { engine });
    enc.encode(SAMPLE);
    const before = enc.memoryBytes;
    const text = "x".repeat(50_000_000);
    expect(enc.isWithinTokenLimit(text, 1000)).toBe(false);
    expect(enc.memoryBytes).toBe(before);
    // A disallowed special token is still an error, wherever it is.
    expect(thrown(() => enc.isWithinTokenLimit(text + "<|endoftext|>", 1000))).toMatchObject({
      code: "DISALLOWED_SPECIAL_TOKEN",
      offset: text.length,
    });
    await expectStillRight("o200k_base", engine);
  });
});

test("a decode whose text is too long for a string is OUT_OF_MEMORY, and memory stays under 2 GiB", async () => {
  const enc = await getEncoding("r50k_base");
  // 600 MB of the longest token (ASCII): bytes the engine can hold, a text longer than a string may be.
  let longest = 0;
  for (let id = 1; id < enc.vocabSize - 1; id++) {
    const bytes = enc.tokenToBytes(id);
    if (bytes.length > enc.tokenToBytes(longest).length && bytes.every((b) => b < 0x80)) longest = id;
  }
  const ids = new Uint32Array(Math.ceil(600_000_000 / enc.tokenToBytes(longest).length)).fill(longest);
  const error = thrown(() => enc.decode(ids));
  expect(error.code).toBe("OUT_OF_MEMORY");
  expect(error.message).toMatch(/longer than the \d+ characters a string may have/);
  // Past 2 GiB, Node 20's TextEncoder.encodeInto writes nothing into a view of the memory.
  expect(enc.memoryBytes).toBeLessThan(2 ** 31);
  await expectStillRight("r50k_base");
});

describe("shared tokenizers cannot be changed by one caller", () => {
  test("specialTokens is a copy, and the tokenizer is frozen", async () => {
    const enc = await getEncoding("cl100k_base");
    const specials = enc.specialTokens as Map<string, number>;
    specials.delete("<|endoftext|>");
    specials.set("<|mine|>", 1);
    const again = await getEncoding("cl100k_base");
    expect(again).toBe(enc);
    expect(again.specialTokens.get("<|endoftext|>")).toBe(100257);
    expect(again.specialTokens.has("<|mine|>")).toBe(false);
    expect(Array.from(again.encode("<|endoftext|>", { allowedSpecial: "all" }))).toEqual([100257]);
    expect(() => {
      (enc as { name: string }).name = "changed";
    }).toThrow(TypeError);
    expect(() => {
      (enc as unknown as { vocabSize: number }).vocabSize = 1;
    }).toThrow(TypeError);
    expect(again.name).toBe("cl100k_base");
  });
});

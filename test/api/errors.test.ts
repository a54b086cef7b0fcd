// Bad input gets a typed error that says what and where, and the tokenizer stays usable after it.

import { describe, expect, test } from "vitest";
import { getEncoding, encodingForModel, BytepairError, Tokenizer } from "bytepair";
import { reference } from "../helpers/reference.js";
import { ENGINES } from "../helpers/engines.js";

const SAMPLE = "Still works: naïve café, 日本語, 12345 👋";

describe.each(ENGINES)("%s engine", (engine) => {
  async function stillWorks(name: "o200k_base" | "cl100k_base" | "r50k_base") {
    const ours = await getEncoding(name, { engine });
    expect(Array.from(ours.encode(SAMPLE))).toEqual(Array.from(reference(name).encode(SAMPLE)));
    expect(ours.decode(ours.encode(SAMPLE))).toBe(SAMPLE);
  }

  function caught(f: () => unknown): BytepairError {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(BytepairError);
      expect(e).toBeInstanceOf(Error);
      return e as BytepairError;
    }
    throw new Error("expected an error");
  }

  test("ids out of range name the id and its index", async () => {
    const ours = await getEncoding("o200k_base", { engine });
    const bad: unknown[] = [-1, ours.vocabSize, 2 ** 32, 2 ** 32 + 5, 1.5, NaN, Infinity, "12", null, undefined, 10n];
    for (const id of bad) {
      const e = caught(() => ours.decode([1, 2, id as number]));
      expect(e.code).toBe("INVALID_TOKEN_ID");
      expect(e.index).toBe(2);
      expect(e.message).toContain("index 2");
      expect(caught(() => ours.decodeBytes([id as number])).code).toBe("INVALID_TOKEN_ID");
      await stillWorks("o200k_base");
    }
    for (const id of [-1, ours.vocabSize, 1.5, NaN]) expect(caught(() => ours.tokenToBytes(id)).code).toBe("INVALID_TOKEN_ID");
  });

  test("ids in typed arrays are checked too", async () => {
    const ours = await getEncoding("cl100k_base", { engine });
    // 100256 sits between the ordinary tokens and the special tokens: no token has it.
    for (const ids of [Uint32Array.of(5, ours.vocabSize), Uint32Array.of(100256), Uint32Array.of(0xffffffff)]) {
      const e = caught(() => ours.decode(ids));
      expect(e.code).toBe("INVALID_TOKEN_ID");
      expect(e.index).toBe(ids.length - 1);
    }
    expect(() => reference("cl100k_base").decode_single_token_bytes(100256)).toThrow();
    await stillWorks("cl100k_base");
  });

  test("wrong argument types are argument errors", async () => {
    const ours = await getEncoding("r50k_base", { engine });
    const calls: (() => unknown)[] = [
      () => ours.encode(42 as never),
      () => ours.encode(undefined as never),
      () => ours.encodeOrdinary({} as never),
      () => ours.count(null as never),
      () => ours.encode("x", "all" as never),
      () => ours.encode("x", { allowedSpecial: 5 as never }),
      () => ours.decode("1 2 3" as never),
      () => ours.decode(7 as never),
      () => ours.decodeBytes(null as never),
    ];
    for (const call of calls) {
      const e = caught(call);
      expect(e.code).toBe("INVALID_ARGUMENT");
      expect(e.message).toMatch(/^Expected /);
    }
    await stillWorks("r50k_base");
  });

  test("a disallowed special token mid-way leaves nothing behind for the next call", async () => {
    const ours = await getEncoding("o200k_base", { engine });
    const long = "word ".repeat(50_000) + "<|endoftext|>";
    expect(caught(() => ours.encode(long)).offset).toBe(250_000);
    await stillWorks("o200k_base");
  });

  test("unknown encodings and models are rejected with their name", async () => {
    await expect(getEncoding("o300k_base" as never, { engine })).rejects.toMatchObject({ code: "UNKNOWN_ENCODING", message: /o300k_base/ });
    await expect(getEncoding("toString" as never, { engine })).rejects.toMatchObject({ code: "UNKNOWN_ENCODING" });
    await expect(encodingForModel("not-a-model")).rejects.toMatchObject({ code: "UNKNOWN_MODEL", message: /not-a-model/ });
    await expect(encodingForModel(undefined as never)).rejects.toBeInstanceOf(BytepairError);
  });

  test("getEncoding returns one shared tokenizer per name", async () => {
    expect(await getEncoding("o200k_base", { engine })).toBe(await getEncoding("o200k_base", { engine }));
    expect((await getEncoding("gpt2", { engine })).name).toBe("gpt2");
  });
});

test("the engine option: one tokenizer per name and engine; anything but \"wasm\" or \"js\" is an argument error", async () => {
  const wasm = await getEncoding("cl100k_base");
  const js = await getEncoding("cl100k_base", { engine: "js" });
  expect([wasm.engineKind, js.engineKind]).toEqual(["wasm", "js"]);
  expect(await getEncoding("cl100k_base", { engine: "wasm" })).toBe(wasm);
  expect(await getEncoding("cl100k_base", {})).toBe(wasm);
  expect(await getEncoding("cl100k_base", { engine: "js" })).toBe(js);
  expect(await encodingForModel("gpt-4", { engine: "js" })).toBe(js);
  for (const engine of ["JS", "native", 1, null]) {
    await expect(getEncoding("cl100k_base", { engine } as never)).rejects.toMatchObject({ code: "INVALID_ARGUMENT", message: /engine/ });
  }
  const vocab = new Map(Array.from({ length: 256 }, (_, b) => [b, Uint8Array.of(b)] as [number, Uint8Array]));
  await expect(Tokenizer.fromBpe({ vocab, merges: [], engine: "rust" as never })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  expect((await Tokenizer.fromBpe({ vocab, merges: [], engine: "js" })).engineKind).toBe("js");
});

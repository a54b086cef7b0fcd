// train() under hostile callbacks, failing workers and inputs whose result the library could not
// load: every case rejects (or trains) cleanly, never crashes the process, hangs, or throws its
// own result away after training.

import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { train, BytepairError, Tokenizer } from "bytepair";
import { naiveTrain } from "../../src/reference/naive-train.js";
import { FakeWorker, type Behaviour as FakeBehaviour } from "../helpers/fake-worker.js";
import { BytepairError as SourceBytepairError } from "../../src/errors.js";

const MAX_TOKEN_BYTES = 0xffff;
const TEXT = "the cat sat on the mat, the cat ate the rat. ".repeat(200);

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const mergesHex = (merges: Array<[Uint8Array, Uint8Array]>) => merges.map(([a, b]) => `${hex(a)}+${hex(b)}`);

/** What the promise settled with: its value, or what it was rejected with. */
async function settled(promise: Promise<unknown>): Promise<{ rejected: boolean; value: unknown }> {
  return promise.then(
    (value) => ({ rejected: false, value }),
    (value: unknown) => ({ rejected: true, value }),
  );
}

/** Rejects with "still pending" after `ms`: a hang fails the test instead of stalling it. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("still pending")), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe("a throwing onProgress rejects train() with what it threw", () => {
  const thrown = [
    ["an Error", new Error("progress failed")],
    ["a string", "progress failed"],
  ] as const;
  test.each([0, 2])("with %i workers, while counting and while merging", async (workers) => {
    for (const [, value] of thrown) {
      for (const phase of ["count", "merge"]) {
        const onProgress = (p: { phase: string }) => {
          if (p.phase === phase) throw value;
        };
        const outcome = await within(settled(train(TEXT, { vocabSize: 300, workers, onProgress })), 30_000);
        expect(outcome, `${phase}: ${String(value)}`).toEqual({ rejected: true, value });
        expect(outcome.value).toBe(value);
      }
    }
    // The process and the engine are fine afterwards: a later train works, in workers too.
    const again = await train(TEXT, { vocabSize: 300, workers });
    const alone = await train(TEXT, { vocabSize: 300, workers: 0 });
    expect(mergesHex(again.merges)).toEqual(mergesHex(alone.merges));
  });
});

describe("worker failures reject, never hang or crash (workers simulated)", () => {
  type Behaviour = FakeBehaviour<{ type: string }>;

  // The simulated Worker stands in only while these tests run (their module is imported here alone).
  let countInWorkers: typeof import("../../src/train/parallel.js").countInWorkers;
  beforeAll(async () => {
    vi.doMock("node:worker_threads", () => ({ Worker: FakeWorker }));
    vi.doMock("../../src/engine/wasm/module.js", () => ({ engineModule: async () => ({}) }));
    ({ countInWorkers } = await import("../../src/train/parallel.js"));
  });
  afterAll(() => {
    vi.doUnmock("node:worker_threads");
    vi.doUnmock("../../src/engine/wasm/module.js");
  });

  async function count(behaviour: Behaviour, onBytes: (n: number) => void = () => {}) {
    FakeWorker.reset(behaviour);
    const merged: unknown[] = [];
    const into = { mergeWords: (words: unknown) => merged.push(words) };
    const texts = (async function* () {
      yield* ["one text ", "two text ", "three text "];
    })();
    const outcome = await within(settled(countInWorkers(texts, into as never, { workers: 2, pattern: "gpt2", specials: [], onBytes })), 10_000);
    return { outcome, merged, workers: FakeWorker.all };
  }

  const countsThenWords: Behaviour = (worker, request) => {
    if (request.type === "text") worker.emit("message", { type: "counted", bytes: 9 });
    else worker.emit("message", { type: "words", bytes: new Uint8Array(0), records: new Uint32Array(0) });
  };

  test("workers that count and hand over: resolves, adds their counts, terminates them", async () => {
    const { outcome, merged, workers } = await count(countsThenWords);
    expect(outcome.rejected).toBe(false);
    expect(merged).toHaveLength(2);
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  test("a worker that exits before handing over its counts", async () => {
    const { outcome, workers } = await count((worker) => worker.emit("exit", 1));
    expect(outcome.rejected).toBe(true);
    expect(String((outcome.value as Error).message)).toMatch(/training worker stopped \(exit code 1\)/);
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  test("a worker that exits after counting, when asked for its counts", async () => {
    const { outcome } = await count((worker, request) => {
      if (request.type === "text") worker.emit("message", { type: "counted", bytes: 9 });
      else worker.emit("exit", 0);
    });
    expect(outcome.rejected).toBe(true);
  });

  test("a worker's error event", async () => {
    const failure = new Error("worker crashed");
    const { outcome, workers } = await count((worker) => worker.emit("error", failure));
    expect(outcome).toEqual({ rejected: true, value: failure });
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  test("a worker's error reply keeps its BytepairError code; another error is not called out of memory", async () => {
    const oom = await count((worker) => worker.emit("message", { type: "error", message: "no memory", code: "OUT_OF_MEMORY" }));
    expect(oom.outcome.value).toBeInstanceOf(SourceBytepairError);
    expect(oom.outcome.value).toMatchObject({ code: "OUT_OF_MEMORY", message: expect.stringMatching(/no memory/) });
    const bug = await count((worker) => worker.emit("message", { type: "error", message: "unexpected code -7" }));
    expect(bug.outcome.rejected).toBe(true);
    expect(bug.outcome.value).not.toBeInstanceOf(SourceBytepairError);
    expect((bug.outcome.value as Error).message).toMatch(/unexpected code -7/);
  });

  test.each([
    ["an Error", new Error("callback failed")],
    ["a string", "callback failed"],
  ])("a progress callback that throws %s in a worker's message handler", async (_, value) => {
    let calls = 0;
    const { outcome, workers } = await count(countsThenWords, () => {
      calls++;
      throw value;
    });
    expect(outcome).toEqual({ rejected: true, value });
    expect(calls).toBe(1); // once failed, the callback is not called again
    expect(workers.every((w) => w.terminated)).toBe(true);
  });
});

describe("no token is longer than a vocabulary may hold (65535 bytes)", () => {
  test.each([
    ["65536 of one letter", "a".repeat(65536)],
    ["70000 of one letter, among words", "hello world " + "a".repeat(70000) + " hello world"],
    ["40000 of a two-byte letter", "é".repeat(40000)],
  ])("a run of %s: trains, loads, round-trips, equals the naive trainer", async (_, text) => {
    const vocabSize = 256 + 40;
    const trained = await train(text, { vocabSize });
    for (const bytes of trained.vocab.values()) expect(bytes.length).toBeLessThanOrEqual(MAX_TOKEN_BYTES);
    expect(Math.max(...[...trained.vocab.values()].map((b) => b.length))).toBeGreaterThan(MAX_TOKEN_BYTES / 2);
    expect(trained.tokenizer.decode(trained.tokenizer.encode(text))).toBe(text);
    const naive = naiveTrain(text, vocabSize);
    expect(mergesHex(trained.merges)).toEqual(mergesHex(naive.merges));
    const inWorkers = await train(text, { vocabSize, workers: 1 });
    expect(mergesHex(inWorkers.merges)).toEqual(mergesHex(trained.merges));
    const reloaded = await Tokenizer.fromBpe({ vocab: trained.vocab, merges: trained.merges });
    expect(Array.from(reloaded.encode(text))).toEqual(Array.from(trained.tokenizer.encode(text)));
  });
});

describe("special tokens the trained vocabulary could not hold are refused before training", () => {
  test.each([
    ["one byte", "a"],
    ["one byte (a newline)", "\n"],
    ["a lone high surrogate", "<\ud800>"],
    ["a lone low surrogate", "\udc00"],
    ["longer than a token may be", "x".repeat(70_000)],
  ])("%s", async (_, special) => {
    let started = false;
    const input = (function* () {
      started = true;
      yield "some text to train on";
    })();
    for (const workers of [0, 1]) {
      const error = await train(input, { vocabSize: 300, specialTokens: ["<|endoftext|>", special], workers }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BytepairError);
      expect(error).toMatchObject({ code: "INVALID_ARGUMENT" });
      expect((error as Error).message).toContain(JSON.stringify(special.slice(0, 80)).slice(0, -1));
    }
    expect(started).toBe(false);
  });

  test("two surrogate-only special tokens, which would have the same bytes", async () => {
    await expect(train("text", { vocabSize: 300, specialTokens: ["\ud800", "\udbff"] })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  });

  test("a special token holding U+FFFD, with lone surrogates in the text: they are cut out as it, as encoding does", async () => {
    const text = "\ud800\udc00!! a\ud800 \udfff\udfff\udfff \ufffd\ufffd b";
    const trained = await train(text, { vocabSize: 300, specialTokens: ["\ufffd"] });
    const ids = Array.from(trained.tokenizer.encode(text, { allowedSpecial: "all" }));
    expect(ids.filter((id) => id === 0)).toHaveLength(6);
    expect(trained.tokenizer.decode(ids)).toBe(text.replace(/\p{Cs}/gu, "\ufffd"));
    expect(mergesHex(trained.merges)).toEqual(mergesHex(naiveTrain(text, 300, ["\ufffd"]).merges));
  });

  test("a duplicate keeps its first id, and the result loads", async () => {
    const trained = await train(TEXT, { vocabSize: 300, specialTokens: ["<s>", "</s>", "<s>"] });
    expect([...trained.specialTokens]).toEqual([["<s>", 0], ["</s>", 1]]);
    expect(trained.tokenizer.decode(trained.tokenizer.encode("<s>x</s>", { allowedSpecial: "all" }))).toBe("<s>x</s>");
  });

  test("130,000 special tokens (more than a call's arguments can spread)", async () => {
    const specialTokens = Array.from({ length: 130_000 }, (_, i) => `<|s${i}|>`);
    const trained = await train("hello world <|s5|> hello", { vocabSize: 130_000 + 260, specialTokens });
    expect(trained.specialTokens.get("<|s129999|>")).toBe(129_999);
    expect(Array.from(trained.tokenizer.encode("<|s7|>", { allowedSpecial: "all" }))).toEqual([7]);
  }, 120_000);
});

describe("bad options and input are INVALID_ARGUMENT before training, with workers or without", () => {
  const cases: Array<[string, unknown, unknown]> = [
    ["vocabSize a string", TEXT, { vocabSize: "300" }],
    ["vocabSize a fraction", TEXT, { vocabSize: 300.5 }],
    ["vocabSize NaN", TEXT, { vocabSize: NaN }],
    ["vocabSize Infinity", TEXT, { vocabSize: Infinity }],
    ["vocabSize too small", TEXT, { vocabSize: 255 }],
    ["vocabSize too small for the specials", TEXT, { vocabSize: 257, specialTokens: ["<a>", "<b>"] }],
    ["vocabSize too large", TEXT, { vocabSize: 2 ** 24 + 1 }],
    ["onProgress a string", TEXT, { vocabSize: 300, onProgress: "log" }],
    ["onProgress an object", TEXT, { vocabSize: 300, onProgress: {} }],
    ["specialTokens a string", TEXT, { vocabSize: 300, specialTokens: "<s>" }],
    ["specialTokens a number", TEXT, { vocabSize: 300, specialTokens: 5 }],
    ["specialTokens holding a number", TEXT, { vocabSize: 300, specialTokens: [5] }],
    ["the input null", null, { vocabSize: 300 }],
    ["the input a number", 42, { vocabSize: 300 }],
    ["the input a plain object", { text: "abc" }, { vocabSize: 300 }],
  ];
  test.each(cases)("%s", async (_, input, options) => {
    for (const workers of [0, 2]) {
      const error = await train(input as never, { ...(options as object), workers } as never).catch((e: unknown) => e);
      expect(error, `workers ${workers}`).toBeInstanceOf(BytepairError);
      expect((error as BytepairError).code).toBe("INVALID_ARGUMENT");
    }
  });

  test("a non-function onProgress is refused even when it would never be called", async () => {
    await expect(train("", { vocabSize: 300, onProgress: "log" as never })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  });
});

// Damaged vocabularies: the packed file's layout (src/vocab/layout.ts) and its contents (checked by
// the engine as it builds its tables) are INVALID_VOCAB errors that say what is wrong.

import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { readPackedVocab, tablesOf, type PackedVocab } from "../../src/vocab/file.js";
import { Engine } from "../../src/engine/wasm/engine.js";
import type { TokenEngine } from "../../src/engine/contract.js";
import { JsEngine } from "../../src/engine/js/engine.js";
import type { EngineExports } from "../../src/engine/wasm/module.js";
import { ENGINES, type EngineKind } from "../helpers/engines.js";

const wasm = readFileSync(new URL("../../build/bytepair.wasm", import.meta.url));
const good = new Uint8Array(readFileSync(new URL("../../build/vocab/r50k_base.bpv", import.meta.url)));

/** Both engines check a vocabulary's contents the same way. */
async function load(vocab: PackedVocab, engine: EngineKind, specials: [string, number][] = [["<|endoftext|>", 50256]]): Promise<TokenEngine> {
  if (engine === "js") return new JsEngine(vocab, "gpt2", specials, "test vocab");
  const { instance } = await WebAssembly.instantiate(wasm, {});
  return new Engine(instance.exports as unknown as EngineExports, tablesOf(vocab), "gpt2", specials, "test vocab");
}

/** A vocabulary of the 256 single bytes (ids 0..255) plus `extra` tokens. */
function bytesVocab(extra: string[] = [], ids?: number[]): PackedVocab {
  const tokens = [...Array.from({ length: 256 }, (_, b) => Uint8Array.of(b)), ...extra.map((t) => new TextEncoder().encode(t))];
  const offsets = new Uint32Array(tokens.length + 1);
  tokens.forEach((t, i) => (offsets[i + 1] = offsets[i] + t.length));
  const blob = new Uint8Array(offsets[tokens.length]);
  tokens.forEach((t, i) => blob.set(t, offsets[i]));
  return { name: "test", tokenCount: tokens.length, ids: Uint32Array.from(ids ?? tokens.map((_, i) => i)), offsets, blob };
}

test("a damaged packed vocabulary is an INVALID_VOCAB error that says what is wrong", () => {
  const good = new Uint8Array(readFileSync(new URL("../../build/vocab/r50k_base.bpv", import.meta.url)));
  expect(readPackedVocab(good, "good").tokenCount).toBe(50256);
  const header = new TextEncoder().encode('{"name":"x","tokenCount":300,"blobBytes":10}');
  const withHeader = (h: Uint8Array) => {
    const bytes = new Uint8Array(8 + h.length);
    bytes.set(new TextEncoder().encode("BPV1"));
    new DataView(bytes.buffer).setUint32(4, h.length, true);
    bytes.set(h, 8);
    return bytes;
  };
  const cases: [Uint8Array, RegExp][] = [
    [good.subarray(0, 4), /too short/],
    [Uint8Array.from([...new TextEncoder().encode("GIF8"), ...good.subarray(4)]), /magic is "GIF8"/],
    [good.subarray(0, good.length - 1), /header says \d+ bytes in all, file has \d+/],
    [withHeader(new TextEncoder().encode("{not json")), /header is not JSON/],
    [withHeader(new TextEncoder().encode('{"name":"x","tokenCount":5,"blobBytes":0}')), /tokenCount 5/],
    [withHeader(header).subarray(0, 8), /runs past the end/],
  ];
  for (const [bytes, message] of cases) {
    expect(() => readPackedVocab(bytes, "test.bpv")).toThrow(message);
    try {
      readPackedVocab(bytes, "test.bpv");
    } catch (e) {
      expect(e).toMatchObject({ code: "INVALID_VOCAB", message: expect.stringContaining("test.bpv") });
    }
  }
});

describe.each(ENGINES)("%s engine", (engine) => {
  test("a vocabulary whose contents are wrong is refused when loaded", async () => {
    await expect(load(bytesVocab(["ab", "abc"]), engine)).resolves.toMatchObject({ kind: engine });
    const outOfOrder = bytesVocab(["ab"]);
    outOfOrder.offsets[100] = outOfOrder.offsets[99] - 1;
    const cases: [PackedVocab, RegExp][] = [
      [outOfOrder, /offsets are not increasing/],
      [bytesVocab(["ab", "ab"]), /two tokens have the same bytes/],
      [bytesVocab(["ab"], [...Array.from({ length: 256 }, (_, i) => i), 7]), /two tokens have the same id/],
      [bytesVocab(["ab"], [...Array.from({ length: 256 }, (_, i) => i), 2 ** 27]), /above 2\^26/],
    ];
    for (const [vocab, message] of cases) {
      await expect(load(vocab, engine)).rejects.toMatchObject({ code: "INVALID_VOCAB", message: expect.stringMatching(message) });
    }
  });

  test("a special token with a token's id is refused when loaded; one with another special's id is its alias", async () => {
    // Ids that are ranks (the wasm engine then writes the tokens' decode entries on the first decode,
    // so this clash must be found without them) and ids that are not.
    const ranks = bytesVocab(["ab"]);
    const notRanks = bytesVocab(["ab"], [...Array.from({ length: 256 }, (_, i) => i + 1), 0]);
    for (const vocab of [ranks, notRanks]) {
      for (const specials of [[["<|x|>", 256]], [["<|x|>", 300], ["<|y|>", 256]]] as [string, number][][]) {
        await expect(load(vocab, engine, specials)).rejects.toMatchObject({ code: "INVALID_VOCAB", message: expect.stringMatching(/same id/) });
      }
      const fine = await load(vocab, engine, [["<|x|>", 300]]);
      expect(Array.from(fine.tokenBytes(300) ?? [])).toEqual(Array.from(new TextEncoder().encode("<|x|>")));
      expect(Array.from(fine.tokenBytes(vocab.ids[256]) ?? [])).toEqual([0x61, 0x62]); // before any decode
      // Two names for one id (as tiktoken's o200k_harmony has for 200018): decode gives the first.
      const alias = await load(vocab, engine, [["<|x|>", 300], ["<|y|>", 300]]);
      expect(Array.from(alias.tokenBytes(300) ?? [])).toEqual(Array.from(new TextEncoder().encode("<|x|>")));
    }
  });

  test("a vocabulary without every single byte is refused", async () => {
    const v = bytesVocab(["ab"]);
    // Drop the token for byte 0 by giving it two bytes that no other token has.
    const blob = new Uint8Array(v.blob.length + 1);
    blob.set(Uint8Array.of(1, 1));
    blob.set(v.blob.subarray(1), 2);
    const offsets = v.offsets.map((o, i) => (i === 0 ? 0 : o + 1));
    await expect(load({ ...v, blob, offsets }, engine)).rejects.toMatchObject({ message: expect.stringMatching(/not every single byte/) });
  });
});

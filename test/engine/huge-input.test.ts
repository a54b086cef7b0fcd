// A 256 MB string of real text encodes to exactly tiktoken's ids. Copies of the whole corpus are joined
// by an allowed special token, which ends a segment, so the expected ids are tiktoken's ids of one copy,
// repeated: tiktoken runs on 20 MB once, while we encode all 256 MB in one call, in windows cut inside
// the copies.

import { expect, test } from "vitest";
import { getEncoding } from "bytepair";
import { corpora, corpusText } from "../helpers/corpus.js";
import { describeDifference, reference } from "../helpers/reference.js";

const SEPARATOR = "<|endoftext|>";
const TARGET_BYTES = 256 * 1024 * 1024;

test("256 MB of real text in one call: tiktoken's ids, memory near one window", async () => {
  const enc = await getEncoding("o200k_base");
  const copy = corpora.map((c) => corpusText(c.name)).join("\n\n") + SEPARATOR;
  const copyBytes = corpora.reduce((n, c) => n + c.utf8Bytes + 2, -2) + SEPARATOR.length;
  const copies = Math.ceil(TARGET_BYTES / copyBytes);
  const expected = reference("o200k_base").encode(copy, "all");

  const ids = enc.encode(copy.repeat(copies), { allowedSpecial: "all" });

  expect(ids.length).toBe(expected.length * copies);
  for (let k = 0; k < copies; k++) {
    const part = ids.subarray(k * expected.length, (k + 1) * expected.length);
    expect(describeDifference("o200k_base", part, expected, `copy ${k} of ${copies}`)).toBeNull();
  }
  // Scratch follows the 4M-character window, not the 256 MB (tables are about 10 MB).
  expect(enc.memoryBytes).toBeLessThan(150e6);
});

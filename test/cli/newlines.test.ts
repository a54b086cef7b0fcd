// countNewlineBytes (four bytes at a time, for the line of a disallowed special token in encode-file)
// against a plain loop over the bytes, at every alignment, on bytes chosen to trip a word trick: "\n"
// next to 0x8a, 0x0b, 0x00 and 0xff, and runs of "\n" long enough to fill a lane's count.

import { expect, test } from "vitest";
import { countNewlineBytes } from "../../src/cli/special.js";
import { prng, randomInt } from "../helpers/random.js";

function plainCount(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === 10) n++;
  return n;
}

test("equals a plain count on random bytes, at every offset and length", () => {
  const BYTES = [0x0a, 0x0a, 0x8a, 0x0b, 0x09, 0x00, 0xff, 0x7f, 0x80, 0x20, 0x61];
  for (let seed = 1; seed <= 400; seed++) {
    const random = prng(seed);
    const buffer = new Uint8Array(8 + randomInt(random, 3000)).map(() => BYTES[randomInt(random, BYTES.length)]);
    const from = randomInt(random, 8);
    const view = buffer.subarray(from, from + randomInt(random, buffer.length - from + 1));
    expect(countNewlineBytes(view), `seed ${seed}`).toBe(plainCount(view));
  }
});

test("all newlines, past the 255 words a lane counts before it is summed", () => {
  for (const length of [0, 1, 3, 4, 5, 1019, 1020, 1021, 4 * 255 * 3 + 2, 100_000]) {
    for (const from of [0, 1, 2, 3]) {
      const view = new Uint8Array(length + 4).fill(10).subarray(from, from + length);
      expect(countNewlineBytes(view), `length ${length} from ${from}`).toBe(length);
    }
  }
});

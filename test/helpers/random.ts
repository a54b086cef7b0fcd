// Seeded pseudo-random generation, so a failing case is reproducible from its seed. The generator is
// written once, in plain JavaScript, in test/fuzz/text.mjs, which the fuzzer runs without a build.

import { prng, randomInt } from "../fuzz/text.mjs";

export { prng, pick, randomInt } from "../fuzz/text.mjs";

/** `whole` cut into consecutive pieces of 1 to `max` units, at seeded random places. */
export function randomSlices<T extends { length: number; slice(start: number, end: number): T }>(whole: T, seed: number, max: number): T[] {
  const random = prng(seed);
  const pieces: T[] = [];
  for (let i = 0; i < whole.length; ) {
    const n = 1 + randomInt(random, max);
    pieces.push(whole.slice(i, i + n));
    i += n;
  }
  return pieces;
}

// Seeded pseudo-random generation, so a failing fuzz case is reproducible from its seed.

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

export function randomInt(random: () => number, below: number): number {
  return Math.floor(random() * below);
}

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

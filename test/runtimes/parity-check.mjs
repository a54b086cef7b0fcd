// Runs in every runtime (Node, Deno, Bun, browsers, workerd): encodes the shared sample with the
// bytepair module given and reports every text whose ids or count differ from tiktoken's, or whose
// decoded text differs from what this runtime's TextDecoder makes of the same bytes (also for ids
// reversed, which cut characters: invalid UTF-8).
// Plain JavaScript so that each runtime loads it as is.

/**
 * @param {{ getEncoding(name: string): Promise<any> }} bytepair
 * @param {{ texts: string[], expected: Record<string, number[][]> }} sample
 */
export async function checkParity(bytepair, sample) {
  const mismatches = [];
  let checked = 0;
  for (const [name, expectedIds] of Object.entries(sample.expected)) {
    const enc = await bytepair.getEncoding(name);
    sample.texts.forEach((text, index) => {
      const ids = Array.from(enc.encode(text, { allowedSpecial: "all" }));
      const count = enc.count(text, { allowedSpecial: "all" });
      const expected = expectedIds[index];
      const at = firstDifference(ids, expected);
      if (at !== -1 || count !== expected.length) {
        mismatches.push({ encoding: name, index, text: text.slice(0, 80), at, got: ids.slice(at, at + 5), expected: expected.slice(at, at + 5), count });
      }
      for (const some of [ids, ids.slice(0, ids.length >> 1), ids.slice().reverse()]) {
        const got = enc.decode(some);
        const want = utf8.decode(enc.decodeBytes(some));
        if (got !== want) mismatches.push({ encoding: name, index, text: text.slice(0, 80), at: -1, decoded: got.slice(0, 80), expectedText: want.slice(0, 80) });
      }
      checked++;
    });
  }
  return { checked, mismatches: mismatches.slice(0, 10), mismatchCount: mismatches.length };
}

// As Tokenizer.decode: a leading U+FEFF is text.
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

function firstDifference(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

// What every app does with bytepair: the ids of a few texts in two encodings, reported to the test,
// which compares them with tiktoken's.
export const ENCODINGS = ["o200k_base", "cl100k_base"];
export const TEXTS = [
  "Hello, world",
  "Grüße, 世界! 👋 tokens",
  "def add(a, b):\n    return a + b\n",
  "<|endoftext|> is a special token",
  "  spaces\t\tand\r\n\r\nnewlines  ",
  "ÉCOLE HTTPServerError 1234567 ١٢٣",
];

/** [{ encoding, text, ids }] for every encoding and text. */
export async function tokenizeAll(getEncoding, options) {
  const results = [];
  for (const encoding of ENCODINGS) {
    const enc = await getEncoding(encoding, options);
    for (const text of TEXTS) results.push({ encoding, text, ids: Array.from(enc.encode(text, { allowedSpecial: "all" })) });
  }
  return results;
}

/** In a page: the results (or the error) as window.__bytepair, where the test reads them. */
export async function reportInPage(getEncoding, options) {
  try {
    window.__bytepair = { results: await tokenizeAll(getEncoding, options) };
  } catch (e) {
    window.__bytepair = { error: String((e && e.stack) || e) };
  }
}

/** In a page: the ids of every text in one encoding, loaded by that encoding's own entry. */
export async function reportOneInPage(encoding, load) {
  try {
    const enc = await load();
    window.__bytepair = { results: TEXTS.map((text) => ({ encoding, text, ids: Array.from(enc.encode(text, { allowedSpecial: "all" })) })) };
  } catch (e) {
    window.__bytepair = { error: String((e && e.stack) || e) };
  }
}

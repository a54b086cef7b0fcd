// compare's output read back, and the figures it must print computed the plain way: the lecture's
// tokenizers on the whole text at once.

import { expect } from "vitest";
import { lecture } from "bytepair";

/** The row figures of the whole text, from the lecture's tokenizers (as compare computed them before streaming). */
export async function wholeTextRows(text: string, encodings: string[], trainVocab?: number): Promise<Map<string, string[]>> {
  const bytes = lecture.utf8Length(text);
  const words = lecture.WordTokenizer.train(text);
  const tokenizers: lecture.LectureTokenizer[] = [new lecture.CharacterTokenizer(), new lecture.ByteTokenizer(), words];
  if (trainVocab !== undefined) tokenizers.push(await lecture.trainBpe(text, { vocabSize: trainVocab }));
  for (const name of encodings) tokenizers.push(await lecture.bpe(name as "gpt2"));
  return new Map(tokenizers.map((t) => {
    const tokens = t.encode(text).length;
    return [t.name, [String(tokens), String(t.vocabSize), (bytes / tokens).toFixed(2)]];
  }));
}

/** compare's table as { tokenizer: [tokens, vocabulary, bytes/token] }, numbers without their commas. */
export function table(stdout: string): Map<string, string[]> {
  const lines = stdout.trimEnd().split("\n");
  expect(lines[1].split(/\s{2,}/)).toEqual(["tokenizer", "tokens", "vocabulary", "bytes/token"]);
  return new Map(lines.slice(2).map((l) => l.split(/\s{2,}/)).map(([name, ...cells]) => [name, cells.map((c) => c.replaceAll(",", ""))]));
}

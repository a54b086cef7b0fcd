// The chart's figures: bytes per token on the training text for the trained tokenizer at several sizes
// along its merge list, for the named encodings, and for the lecture's character, byte and word
// tokenizers (the word one trained on the same text, so it knows every word of it).

import { getEncoding } from "../api.js";
import { CharacterTokenizer, ByteTokenizer, WordTokenizer, utf8Length, type LectureTokenizer } from "../lecture/index.js";
import type { ChartPoint } from "./chart.js";
import type { MergeSteps } from "./steps.js";

export const CHART_ENCODINGS = ["r50k_base", "p50k_base", "cl100k_base", "o200k_base"] as const;
const TRAINED_POINTS = 8; // sizes along the merge list, besides the 256 bytes

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0)); // lets the page paint between figures

/** Every point of the chart for `steps.text`; `isCurrent` is asked between figures, and the work stops once it is false. */
export async function compressionPoints(steps: MergeSteps, isCurrent: () => boolean): Promise<ChartPoint[] | undefined> {
  const text = steps.text;
  const bytes = utf8Length(text);
  const points: ChartPoint[] = [];
  const sizes = new Set<number>();
  for (let i = 0; i <= TRAINED_POINTS; i++) sizes.add(Math.round((steps.count * i) / TRAINED_POINTS));
  for (const k of sizes) {
    const tokenizer = await steps.tokenizerAt(k);
    points.push({ name: `trained, ${k} merges`, kind: "trained", vocabSize: 256 + k, ratio: bytes / tokenizer.encodeOrdinary(text).length });
    await nextTask();
    if (!isCurrent()) return undefined;
  }
  for (const name of CHART_ENCODINGS) {
    const encoding = await getEncoding(name);
    points.push({ name, kind: "encoding", vocabSize: encoding.vocabSize, ratio: bytes / encoding.encodeOrdinary(text).length });
    await nextTask();
    if (!isCurrent()) return undefined;
  }
  const lecture: LectureTokenizer[] = [new CharacterTokenizer(), new ByteTokenizer(), WordTokenizer.train(text)];
  for (const tokenizer of lecture) {
    points.push({ name: tokenizer.name, kind: "lecture", vocabSize: tokenizer.vocabSize, ratio: bytes / tokenizer.encode(text).length });
  }
  return points;
}

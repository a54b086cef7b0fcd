// `bytepair count --file FILE`: the tokens of a file of any size. Its ids come from file-encoder.ts as
// encode-file's do (the file's bytes cut into pieces, in worker threads when it is large) and are only
// added up, so memory follows the pieces, not the file. A progress line shows on stderr for files over
// PROGRESS_FROM bytes. (`--file -`, standard input, is read whole, as every command reads it.)

import type { Tokenizer } from "../tokenizer/tokenizer.js";
import type { EncodeOptions } from "../tokenizer/options.js";
import { ProgressLine } from "./progress.js";
import { checkInputFile } from "./paths.js";
import { encodeFile, defaultWorkers } from "./file-encoder.js";

const PROGRESS_FROM = 16 << 20;

/** `tokenizerPath`: --tokenizer PATH, for worker threads to load; `loadMs`: what loading it took here. */
export async function countFile(tokenizer: Tokenizer, file: string, options: EncodeOptions, tokenizerPath: string | undefined, loadMs: number): Promise<void> {
  const { stats } = checkInputFile(file);
  const line = new ProgressLine();
  const started = performance.now();
  let shown = 0;
  const onBytes = (bytes: number) => {
    const now = performance.now();
    if (stats.size < PROGRESS_FROM || now - shown < 200) return;
    shown = now;
    const rate = bytes / 1e6 / Math.max((now - started) / 1000, 1e-3);
    line.show("count", bytes / Math.max(1, stats.size), `${(bytes / 1e6).toFixed(1)}/${(stats.size / 1e6).toFixed(1)} MB, ${rate.toFixed(1)} MB/s`);
  };
  let total = 0;
  const workers = defaultWorkers(stats.size, loadMs);
  const run = { path: file, tokenizer, tokenizerPath, options, workers, onRead: onBytes, onWarning: (warning: string) => line.note(warning) };
  await encodeFile(run, async (ids) => void (total += ids.length));
  if (shown) line.end();
  process.stdout.write(total + "\n");
}

// `bytepair count --file FILE`: the tokens of a file of any size, read as a stream (memory follows the
// read size, not the file), with a progress line on stderr for files over PROGRESS_FROM bytes.

import { BytepairError } from "../errors.js";
import type { Tokenizer } from "../tokenizer/tokenizer.js";
import type { EncodeOptions } from "../tokenizer/options.js";
import { ProgressLine } from "./progress.js";
import { checkInputFile } from "./paths.js";
import { textChunks } from "./utf8.js";
import { disallowedSpecial, TextPosition } from "./special.js";

const READ_BYTES = 1 << 22;
const PROGRESS_FROM = 16 << 20;

export async function countFile(tokenizer: Tokenizer, file: string, options: EncodeOptions): Promise<void> {
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
  let total: number;
  try {
    total = await tokenizer.countStream(textChunks(file, READ_BYTES, onBytes, (warning) => line.note(warning)), options);
  } catch (e) {
    if (e instanceof BytepairError && e.code === "DISALLOWED_SPECIAL_TOKEN" && e.token !== undefined && e.offset !== undefined) {
      throw await whereInFile(file, e.token, e.offset);
    }
    throw e;
  }
  if (shown) line.end();
  process.stdout.write(total + "\n");
}

/** The CLI's error for a special token at UTF-16 index `offset` of the file's text: read again up to it for its byte and line. */
async function whereInFile(file: string, token: string, offset: number) {
  const position = new TextPosition();
  let at = 0;
  for await (const text of textChunks(file, READ_BYTES, () => {}, () => {})) {
    if (offset < at + text.length) return disallowedSpecial(token, file, position, text, offset - at);
    position.pass(text);
    at += text.length;
  }
  return disallowedSpecial(token, file, position, "", 0);
}

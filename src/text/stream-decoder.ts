// A streaming decoder for ids that arrive a few at a time (an LLM's output): it returns only whole
// characters and holds the bytes of an unfinished one until the next ids complete it, so everything
// it returned, flush() included, is decode(allIds) exactly.

/** What createDecoder returns. */
export interface StreamDecoder {
  /** The text of `ids` that is complete so far (bytes of an unfinished character are held back). */
  decode(ids: ArrayLike<number>): string;
  /** The held-back bytes as decode would end them (U+FFFD for an unfinished character), and a fresh start. */
  flush(): string;
}

/**
 * `bytesOf` checks the ids and returns their bytes (decodeBytes), so a bad id is an error that leaves
 * the decoder as it was. TextDecoder's streaming mode makes the same U+FFFDs as decoding all bytes at
 * once, which is what decode does; ignoreBOM keeps a leading U+FEFF as text, as decode does.
 */
export function streamDecoder(bytesOf: (ids: ArrayLike<number>) => Uint8Array): StreamDecoder {
  let utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
  return {
    decode(ids) {
      return utf8.decode(bytesOf(ids), { stream: true });
    },
    flush() {
      const rest = utf8.decode();
      utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
      return rest;
    },
  };
}

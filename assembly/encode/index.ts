// Encoding: the ABI calls of one encode (re-exported by ../index.ts). The host writes the text's UTF-8
// at reserveInput's pointer, calls encode once, and reads the ids at outputPtr as one view.
// Scratch layout: [input bytes][8 padding][output ids: 4 bytes per input byte][merge work].

import { scratchBase, ensureMemory, align16, isSealed, MEMORY_LIMIT } from "../lib/arena";
import { ERR_OOM, ERR_NOT_READY, ERR_INVALID_UTF8 } from "../abi";
import { isUtf8 } from "../lib/utf8";
import { encodeText, setPattern as setPatternImpl, errorOffset, matchIndex } from "./encoder";
import { resetOutput, outputStart, outCount } from "./output";
import { setWorkPtr } from "./merge";

export { setWholePieceFirst } from "./encoder";

/** The pre-tokenizer (PATTERN_* in ../abi.ts); false for an unknown one. */
export function setPattern(p: u32): bool {
  return setPatternImpl(p);
}

/**
 * Makes room for `bytes` of input (plus padding); returns where to write it, or 0. A call whose
 * output and work space (see encode) could not fit is refused here, before memory grows for it.
 */
export function reserveInput(bytes: u32): usize {
  if (!isSealed()) return 0;
  const p = scratchBase();
  if (<u64>p + <u64>bytes * 5 + 64 > MEMORY_LIMIT) return 0;
  return ensureMemory(p + <usize>bytes + 16) ? p : 0;
}

/** Encodes the `len` bytes written at reserveInput's pointer; the number of ids, or an error code. */
export function encode(len: u32): i32 {
  if (!isSealed()) return ERR_NOT_READY;
  const p = scratchBase();
  // Input, then 4 bytes of output per input byte: refuse in 64 bits what 32-bit addresses cannot hold.
  if (<u64>p + <u64>len * 5 + 64 > MEMORY_LIMIT) return ERR_OOM;
  const e = p + <usize>len;
  store<u64>(e, 0); // padding read by 8-byte loads past the end
  const out = align16(e + 8);
  const work = align16(out + (<usize>len << 2) + 8);
  if (!ensureMemory(work + 16)) return ERR_OOM;
  resetOutput(out);
  setWorkPtr(work);
  const r = encodeText(p, e);
  return r < 0 ? r : <i32>outCount;
}
/**
 * As encode, for bytes the host did not make itself (a file's): ERR_INVALID_UTF8 when they are not
 * well-formed UTF-8, which the scanners need; the host then decodes them as TextDecoder does.
 */
export function encodeUtf8(len: u32): i32 {
  if (!isSealed()) return ERR_NOT_READY;
  const p = scratchBase();
  if (<u64>p + <u64>len * 5 + 64 > MEMORY_LIMIT) return ERR_OOM;
  if (!isUtf8(p, p + <usize>len)) return ERR_INVALID_UTF8;
  return encode(len);
}

export function outputPtr(): usize {
  return outputStart();
}
/** After ERR_DISALLOWED_SPECIAL: byte offset into the input, and which special token. */
export function errorByteOffset(): u32 {
  return <u32>errorOffset;
}
export function errorSpecialIndex(): u32 {
  return matchIndex;
}

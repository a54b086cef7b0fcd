// init(): where the engine's .wasm and the packed vocabularies come from when the files beside
// build/index.js cannot be read (Cloudflare Workers, pages that serve them elsewhere, bundlers).
// Without init, both are read beside the bundle (node:fs for file: URLs, fetch otherwise).

import { BytepairError, describeValue, quote } from "../errors.js";
import { ENCODINGS } from "../encodings/registry.js";

export type WasmSource = WebAssembly.Module | BufferSource | URL | string;
export type VocabFile = Uint8Array | ArrayBuffer | URL | string;
/** A base URL of the vocab directory, or each packed file by rank name ("o200k_base" or "o200k_base.bpv"). */
export type VocabSource = URL | string | Readonly<Record<string, VocabFile>>;

export interface InitOptions {
  /** The engine: a compiled module (required in Cloudflare Workers), its bytes, or its URL. */
  wasm?: WasmSource;
  /** The packed vocabularies (build/vocab/*.bpv): their directory's URL, or the files themselves. */
  vocab?: VocabSource;
}

const RANK_NAMES = new Set<string>(Object.values(ENCODINGS).map((spec) => spec.ranks));

let wasm: WebAssembly.Module | BufferSource | URL | undefined;
let vocab: URL | Map<string, Uint8Array | URL> | undefined;
// A source is in use from its first load until that load fails: a failed load may be retried with
// other sources, a successful one fixes them.
let wasmUsed = false;
let vocabLoads = 0;

/**
 * Sets where the engine and the vocabularies come from. Call it before the first getEncoding,
 * Tokenizer or train; calling it again with the same sources is harmless (e.g. in every request),
 * but changing a source that has already been used is an INVALID_ARGUMENT error.
 */
export function init(options: InitOptions): void {
  if (typeof options !== "object" || options === null) {
    throw new BytepairError("INVALID_ARGUMENT", `init() takes an object { wasm?, vocab? }, not ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (key !== "wasm" && key !== "vocab") throw new BytepairError("INVALID_ARGUMENT", `init(): unknown option ${JSON.stringify(key)} (known: wasm, vocab)`);
  }
  const nextWasm = options.wasm === undefined ? wasm : checkWasm(options.wasm);
  const nextVocab = options.vocab === undefined ? vocab : checkVocab(options.vocab);
  if (wasmUsed && !sameSource(wasm, nextWasm)) {
    throw new BytepairError("INVALID_ARGUMENT", "init({ wasm }): the engine module is already loaded; call init() before the first getEncoding, Tokenizer or train");
  }
  if (vocabLoads > 0 && !sameVocab(vocab, nextVocab)) {
    throw new BytepairError("INVALID_ARGUMENT", "init({ vocab }): an encoding is already loaded from the earlier source; call init() before the first getEncoding");
  }
  wasm = nextWasm;
  vocab = nextVocab;
}

/** The engine's source; from now on init() may not change it, unless wasmFailed() is called. */
export function wasmSource(fallback: () => URL | Promise<Uint8Array<ArrayBuffer>>): WebAssembly.Module | BufferSource | URL | Promise<Uint8Array<ArrayBuffer>> {
  const source = wasm ?? fallback();
  wasmUsed = true;
  return source;
}

export function wasmFailed(): void {
  wasmUsed = false;
}

/**
 * The packed vocabulary `ranks` (e.g. "cl100k_base"): its bytes or URL. From now on init() may not
 * change the vocab source, unless this load ends in vocabFailed().
 */
export function vocabSource(ranks: string, fallback: () => URL | Promise<Uint8Array<ArrayBuffer>>): Uint8Array | URL | Promise<Uint8Array<ArrayBuffer>> {
  if (vocab === undefined) {
    const url = fallback();
    vocabLoads++;
    return url;
  }
  if (vocab instanceof URL) {
    vocabLoads++;
    return new URL(`${ranks}.bpv`, vocab);
  }
  const file = vocab.get(ranks);
  if (file === undefined) {
    throw new BytepairError(
      "ASSET_LOAD_FAILED",
      `No packed vocabulary ${ranks}.bpv: init({ vocab }) gave ${[...vocab.keys()].join(", ") || "none"}`,
    );
  }
  vocabLoads++;
  return file;
}

export function vocabFailed(): void {
  vocabLoads--;
}

function checkWasm(value: unknown): WebAssembly.Module | BufferSource | URL {
  if (isWasmModule(value)) return value as WebAssembly.Module;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return value;
  if (value instanceof URL || typeof value === "string") return toUrl(value, "init({ wasm })");
  throw new BytepairError(
    "INVALID_ARGUMENT",
    `init({ wasm }) takes a WebAssembly.Module, bytes (ArrayBuffer or a typed array) or a URL, not ${describeValue(value)}`,
  );
}

/**
 * Whether `value` is a compiled WebAssembly module, also one made in another realm (Next.js's edge
 * sandbox hands over its own), where instanceof is false; false where WebAssembly does not exist.
 */
export function isWasmModule(value: unknown): boolean {
  if (typeof WebAssembly === "undefined") return false;
  return value instanceof WebAssembly.Module || Object.prototype.toString.call(value) === "[object WebAssembly.Module]";
}

function checkVocab(value: unknown): URL | Map<string, Uint8Array | URL> {
  if (value instanceof URL || typeof value === "string") {
    const url = toUrl(value, "init({ vocab })");
    return url.pathname.endsWith("/") ? url : new URL(`${url.href}/`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new BytepairError("INVALID_ARGUMENT", `init({ vocab }) takes a URL of the vocab directory or a record of files, not ${describeValue(value)}`);
  }
  const files = new Map<string, Uint8Array | URL>();
  for (const [key, file] of Object.entries(value)) {
    const ranks = key.endsWith(".bpv") ? key.slice(0, -4) : key;
    if (!RANK_NAMES.has(ranks)) {
      throw new BytepairError("INVALID_ARGUMENT", `init({ vocab }): unknown vocabulary ${JSON.stringify(key)} (known: ${[...RANK_NAMES].join(", ")})`);
    }
    if (file instanceof Uint8Array) files.set(ranks, file);
    else if (file instanceof ArrayBuffer) files.set(ranks, new Uint8Array(file));
    else if (file instanceof URL || typeof file === "string") files.set(ranks, toUrl(file, `init({ vocab }) ${key}`));
    else throw new BytepairError("INVALID_ARGUMENT", `init({ vocab }) ${key}: expected a Uint8Array, an ArrayBuffer or a URL, not ${describeValue(file)}`);
  }
  return files;
}

/** Relative strings resolve against the page (browsers); elsewhere a string must be an absolute URL. */
function toUrl(value: URL | string, where: string): URL {
  if (value instanceof URL) return value;
  try {
    return new URL(value, (globalThis as { location?: { href?: string } }).location?.href);
  } catch {
    throw new BytepairError("INVALID_ARGUMENT", `${where}: ${quote(value)} is not a URL (give an absolute URL here)`);
  }
}

function sameSource(a: unknown, b: unknown): boolean {
  return a === b || (a instanceof URL && b instanceof URL && a.href === b.href);
}

function sameVocab(a: typeof vocab, b: typeof vocab): boolean {
  if (sameSource(a, b)) return true;
  if (!(a instanceof Map) || !(b instanceof Map) || a.size !== b.size) return false;
  for (const [key, file] of a) {
    const other = b.get(key);
    // An ArrayBuffer is wrapped anew on each call: compare what the views show.
    const sameBytes = file instanceof Uint8Array && other instanceof Uint8Array && file.buffer === other.buffer && file.byteOffset === other.byteOffset;
    if (!sameBytes && !sameSource(file, other)) return false;
  }
  return true;
}

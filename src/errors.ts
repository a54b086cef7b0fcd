/** Every failure bytepair reports: a stable `code`, a message that says what and where. */
export type BytepairErrorCode =
  | "INVALID_ARGUMENT"
  | "UNKNOWN_ENCODING"
  | "UNKNOWN_MODEL"
  | "DISALLOWED_SPECIAL_TOKEN"
  | "INVALID_TOKEN_ID"
  | "INVALID_VOCAB"
  | "OUT_OF_MEMORY"
  | "ASSET_LOAD_FAILED"
  | "UNSUPPORTED_TOKENIZER"
  | "CHAT_TEMPLATE_ERROR"
  | "MISSING_DEPENDENCY";

export interface BytepairErrorDetails {
  /** DISALLOWED_SPECIAL_TOKEN: the special token's text. */
  token?: string;
  /** DISALLOWED_SPECIAL_TOKEN: index in the input string (UTF-16 code units). */
  offset?: number;
  /** INVALID_TOKEN_ID: the offending value and its position in the input. */
  id?: unknown;
  index?: number;
}

export class BytepairError extends Error {
  readonly code: BytepairErrorCode;
  readonly token?: string;
  readonly offset?: number;
  readonly id?: unknown;
  readonly index?: number;

  constructor(code: BytepairErrorCode, message: string, details: BytepairErrorDetails = {}) {
    super(message);
    this.name = "BytepairError";
    this.code = code;
    Object.assign(this, details);
  }
}

/** DISALLOWED_SPECIAL_TOKEN: special token `token` found at `offset` (UTF-16 units) of the text. */
/** `unit`: what `offset` counts, UTF-16 units of a string (the default) or bytes of UTF-8 (encodeUtf8). */
export function disallowedSpecialToken(token: string, offset: number, unit: "char" | "byte" = "char"): BytepairError {
  return new BytepairError(
    "DISALLOWED_SPECIAL_TOKEN",
    `Encountered text corresponding to disallowed special token ${JSON.stringify(token)} at ${unit === "byte" ? "byte " : ""}offset ${offset}. ` +
      `To encode it as a special token, pass allowedSpecial: [${JSON.stringify(token)}] (or "all"); ` +
      `to encode it as ordinary text, pass disallowedSpecial: [].`,
    { token, offset },
  );
}

/**
 * INVALID_TOKEN_ID: `id` is no token of `vocabulary`. `index` is its place in the ids given; a lone id
 * (undefined) is index 0, and the message does not say it.
 */
export function invalidTokenId(id: unknown, index: number | undefined, vocabulary = "this encoding"): BytepairError {
  const shown = typeof id === "number" ? String(id) : describeValue(id);
  const at = index === undefined ? "" : ` at index ${index}`;
  return new BytepairError("INVALID_TOKEN_ID", `Token id ${shown}${at} is not a token of ${vocabulary}`, { id, index: index ?? 0 });
}

/** A short description of a value of the wrong kind, for INVALID_ARGUMENT messages; it never throws. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return `an object (${safely(() => Object.prototype.toString.call(value), "[object]")})`;
  if (typeof value === "bigint") return `bigint ${String(value).slice(0, 40)}n`;
  return `${typeof value} ${safely(() => String(value), "?").slice(0, 40)}`;
}

/**
 * A user's value as messages show it: a string quoted as JSON (cut to `max` characters), anything else
 * described. Unlike JSON.stringify, it never throws (BigInt, circular values, throwing getters).
 */
export function quote(value: unknown, max = 80): string {
  if (typeof value !== "string") return describeValue(value);
  const shown = JSON.stringify(value.length > max ? value.slice(0, max) : value);
  return value.length > max ? `${shown.slice(0, -1)}..."` : shown;
}

function safely(f: () => string, fallback: string): string {
  try {
    return f();
  } catch {
    return fallback;
  }
}

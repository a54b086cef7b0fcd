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
  | "UNSUPPORTED_TOKENIZER";

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

/** A short description of a value of the wrong kind, for INVALID_ARGUMENT messages. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? `an object (${Object.prototype.toString.call(value)})` : `${typeof value} ${String(value).slice(0, 40)}`;
}

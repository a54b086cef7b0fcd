// What an encode does with the special tokens in its text, decided once per options value: each token's
// role for the engine, and the matchers the host cuts and checks text with. Tokenizer and the Hugging
// Face pipeline both take a policy rather than work these out from the roles.

import { BytepairError, describeValue as describe, quote } from "../errors.js";
import { SPECIAL_TEXT, SPECIAL_ALLOWED, SPECIAL_DISALLOWED } from "../abi.js";
import { specialMatcher, type SpecialMatcher } from "./segments.js";

/** What an encode's options say about special tokens (part of EncodeOptions). */
export interface SpecialTokenOptions {
  /** Special tokens to emit as their ids: "all", or a list. Default: none. */
  allowedSpecial?: "all" | Iterable<string>;
  /**
   * Special tokens whose presence is an error: "all" (the default: every special token not allowed),
   * or a list; `[]` encodes special tokens that are not allowed as ordinary text.
   */
  disallowedSpecial?: "all" | Iterable<string>;
}

/** One options value's special-token policy: the engine's roles, and matchers made on first use. */
export class SpecialPolicy {
  private readonly matchers: { special?: SpecialMatcher; allowed?: SpecialMatcher; disallowed?: SpecialMatcher } = {};

  constructor(
    /** Each special token's role (abi.ts SPECIAL_*), in the engine's order; one array per policy, so the engine keeps it written. */
    readonly roles: Uint8Array,
    private readonly names: readonly string[],
  ) {}

  /** The special tokens treated as special, allowed or disallowed: text may be cut after one (segments.ts). */
  get special(): SpecialMatcher | undefined {
    return this.matcher("special", (role) => role !== SPECIAL_TEXT);
  }

  /** The special tokens encoded as their ids. */
  get allowed(): SpecialMatcher | undefined {
    return this.matcher("allowed", (role) => role === SPECIAL_ALLOWED);
  }

  /** The special tokens whose presence is an error. */
  get disallowed(): SpecialMatcher | undefined {
    return this.matcher("disallowed", (role) => role === SPECIAL_DISALLOWED);
  }

  private matcher(which: "special" | "allowed" | "disallowed", has: (role: number) => boolean): SpecialMatcher | undefined {
    if (!(which in this.matchers)) this.matchers[which] = specialMatcher(this.names.filter((_, k) => has(this.roles[k])));
    return this.matchers[which];
  }
}

/** A tokenizer's policies: the options are checked and read here, and the policies of fixed values kept. */
export class SpecialPolicies {
  /** Every special token as ordinary text (encodeOrdinary). */
  readonly ordinary: SpecialPolicy;
  /** No options: every special token disallowed, as tiktoken; allowed, for a tokenizer.json's added tokens. */
  readonly defaults: SpecialPolicy;
  /** Policies of options made only of "all", empty lists and nothing, by fixedKey. */
  private readonly fixed = new Map<number, SpecialPolicy>();
  private readonly known: ReadonlySet<string>;

  constructor(
    private readonly names: readonly string[],
    private readonly tokenizerName: string,
    allowedByDefault: boolean,
  ) {
    this.known = new Set(names);
    this.ordinary = new SpecialPolicy(new Uint8Array(names.length).fill(SPECIAL_TEXT), names);
    this.defaults = new SpecialPolicy(new Uint8Array(names.length).fill(allowedByDefault ? SPECIAL_ALLOWED : SPECIAL_DISALLOWED), names);
  }

  /** The policy of `options`' allowedSpecial and disallowedSpecial. */
  of(options: SpecialTokenOptions | undefined): SpecialPolicy {
    if (options === undefined) return this.defaults;
    if (options === null || typeof options !== "object") {
      throw new BytepairError("INVALID_ARGUMENT", `Expected options to be an object, got ${describe(options)}`);
    }
    const { allowedSpecial, disallowedSpecial } = options;
    if (allowedSpecial === undefined && (disallowedSpecial === undefined || disallowedSpecial === "all")) return this.defaults;
    const allowedKey = fixedKey(allowedSpecial);
    const disallowedKey = fixedKey(disallowedSpecial);
    if (allowedKey < 0 || disallowedKey < 0) return this.build(allowedSpecial, disallowedSpecial);
    const key = allowedKey * 3 + disallowedKey;
    let policy = this.fixed.get(key);
    if (!policy) this.fixed.set(key, (policy = this.build(allowedSpecial, disallowedSpecial)));
    return policy;
  }

  private build(allowedSpecial: SpecialTokenOptions["allowedSpecial"], disallowedSpecial: SpecialTokenOptions["disallowedSpecial"]): SpecialPolicy {
    const allowed = this.specialSet(allowedSpecial, "allowedSpecial");
    // As tiktoken: "all" disallows every special token not allowed; a token in both lists is an error.
    const disallowed =
      disallowedSpecial === undefined || disallowedSpecial === "all"
        ? new Set(this.names.filter((s) => !allowed.has(s)))
        : this.specialSet(disallowedSpecial, "disallowedSpecial");
    const roles = Uint8Array.from(this.names, (s) => (disallowed.has(s) ? SPECIAL_DISALLOWED : allowed.has(s) ? SPECIAL_ALLOWED : SPECIAL_TEXT));
    return new SpecialPolicy(roles, this.names);
  }

  private specialSet(value: "all" | Iterable<string> | undefined, option: string): Set<string> {
    if (value === undefined) return new Set();
    if (value === "all") return new Set(this.names);
    if (typeof value === "string" || value === null || typeof (value as Iterable<string>)[Symbol.iterator] !== "function") {
      throw new BytepairError("INVALID_ARGUMENT", `Expected ${option} to be "all" or a list of special tokens, got ${describe(value)}`);
    }
    const set = new Set<string>();
    for (const s of value) {
      if (!this.known.has(s)) {
        throw new BytepairError(
          "INVALID_ARGUMENT",
          `${option} names ${quote(s)}, which is not a special token of ${this.tokenizerName} (${this.names.join(", ")})`,
        );
      }
      set.add(s);
    }
    return set;
  }
}

/** An option value that names no token, as a number (nothing 0, "all" 1, an empty array 2); -1 for a list to read. */
function fixedKey(value: unknown): number {
  if (value === undefined) return 0;
  if (value === "all") return 1;
  return Array.isArray(value) && value.length === 0 ? 2 : -1;
}

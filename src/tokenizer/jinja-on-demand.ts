// @huggingface/jinja renders chat templates (applyChatTemplate). It is an optional peer dependency, imported
// on first use: the package loads without it, and a call that needs it says how to install it.

import { BytepairError } from "../errors.js";

/** A parsed template, as @huggingface/jinja's Template is (only what is used of it). */
export interface JinjaTemplate {
  render(variables: Record<string, unknown>): string;
}

interface Jinja {
  Template: new (source: string) => JinjaTemplate;
}

let loading: Promise<Jinja> | undefined;

export function loadJinja(): Promise<Jinja> {
  loading ??= import("@huggingface/jinja").then(
    (module) => module as unknown as Jinja,
    (e: unknown) => {
      loading = undefined; // installed later, it loads on the next call
      throw new BytepairError(
        "MISSING_DEPENDENCY",
        `Chat templates are rendered with @huggingface/jinja, which could not be loaded (${e instanceof Error ? e.message.split("\n")[0] : String(e)}): ` +
          "install it with `npm install @huggingface/jinja`",
      );
    },
  );
  return loading;
}

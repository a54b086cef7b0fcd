// @huggingface/jinja renders chat templates (applyChatTemplate). It is an optional peer dependency, imported
// on first use: the package loads without it, and a call that needs it says how to install it. The name is
// not a literal, and bundlers are told to leave the import alone: a bundler that met it would fail the
// build of every app that did not install the package (webpack does). Such an app passes the module itself
// (the `jinja` option), imported by its own code, which its bundler then includes.

import { BytepairError, describeValue as describe } from "../errors.js";

/** A parsed template, as @huggingface/jinja's Template is (only what is used of it). */
export interface JinjaTemplate {
  render(variables: Record<string, unknown>): string;
}

/** The @huggingface/jinja module, as far as bytepair uses it. */
export interface JinjaModule {
  Template: new (source: string) => JinjaTemplate;
}

const JINJA = "@huggingface/jinja";
let loading: Promise<JinjaModule> | undefined;

/** `given` (the caller's module, checked), else the installed package, imported once. */
export function loadJinja(given?: unknown): Promise<JinjaModule> {
  if (given !== undefined) {
    if (given === null || typeof given !== "object" || typeof (given as JinjaModule).Template !== "function") {
      throw new BytepairError("INVALID_ARGUMENT", `Chat template: expected options.jinja to be the @huggingface/jinja module (with its Template), got ${describe(given)}`);
    }
    return Promise.resolve(given as JinjaModule);
  }
  loading ??= import(/* webpackIgnore: true */ /* turbopackIgnore: true */ /* @vite-ignore */ JINJA).then(
    (module) => module as JinjaModule,
    (e: unknown) => {
      loading = undefined; // installed later, it loads on the next call
      throw new BytepairError(
        "MISSING_DEPENDENCY",
        `Chat templates are rendered with @huggingface/jinja, which could not be loaded (${e instanceof Error ? e.message.split("\n")[0] : String(e)}): ` +
          "install it with `npm install @huggingface/jinja` (in a bundled app, also pass it: { jinja: await import(\"@huggingface/jinja\") })",
      );
    },
  );
  return loading;
}

// Node's built-in modules without an ESM import where the runtime can: process.getBuiltinModule
// (Node >= 20.16, Deno, Bun) hands the module over at once, while `await import("node:fs")` costs
// 1.5-2.5 ms in a fresh Node process, a tenth of a cold start. Callers keep a literal import() as the
// fallback, which bundlers need to see.

type Process = { getBuiltinModule?: (id: string) => unknown };

/** The built-in module `id` if the runtime gives it synchronously, else undefined. */
export function builtinModule<T>(id: string): T | undefined {
  const process = (globalThis as { process?: Process }).process;
  return typeof process?.getBuiltinModule === "function" ? (process.getBuiltinModule(id) as T | undefined) : undefined;
}

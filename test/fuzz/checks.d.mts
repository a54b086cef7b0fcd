import type { FuzzCorpus } from "./text.mjs";

export type FuzzEncoding = "r50k_base" | "p50k_base" | "cl100k_base" | "o200k_base";
export declare const ENCODINGS: FuzzEncoding[];
export declare const SAMPLE: string;
/** Both libraries' tokenizers for the four rank sets, bytepair's on both engines (opaque to callers). */
export interface FuzzContext {
  readonly encodings: Map<string, { readonly valid: Uint8Array; readonly ours: { readonly vocabSize: number }; readonly js: { readonly vocabSize: number } }>;
}
export declare function createContext(bytepair: unknown, tiktoken: unknown): Promise<FuzzContext>;
export declare function checkText(ctx: FuzzContext, name: string, text: string): string | null;
export declare function checkStillWorks(ctx: FuzzContext, name: string): string | null;
export declare function checkIds(ctx: FuzzContext, name: string, ids: number[]): string | null;
export declare function checkTraining(ctx: FuzzContext, corpus: Omit<FuzzCorpus, "pattern"> & { pattern: string }, seed: number, workers: boolean): Promise<string | null>;
export declare function isInvalid(valid: Uint8Array, id: number): boolean;
export declare function failureLabel(message: string | null): string | null;
export declare function shrink<T>(items: T[], fails: (items: T[]) => boolean | Promise<boolean>, budget?: number, milliseconds?: number): Promise<T[]>;

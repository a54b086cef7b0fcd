export type VocabFormat = "tiktoken" | "gpt2" | "huggingface";
export type VocabFiles = Record<string, Uint8Array>;
export declare const VOCAB_FORMATS: VocabFormat[];
export declare const VOCAB_ERROR_CODES: string[];
export declare function vocabFiles(bytepair: unknown): Promise<Record<VocabFormat, VocabFiles>>;
export declare function damagedFiles(files: Record<VocabFormat, VocabFiles>, format: VocabFormat, seed: number): VocabFiles;
export declare function checkVocabFiles(bytepair: unknown, format: VocabFormat, files: VocabFiles, outcomes?: Record<string, number | string>): Promise<string | null>;
export declare function filesToRecord(files: VocabFiles): Record<string, string>;
export declare function filesFromRecord(record: Record<string, string>): VocabFiles;

import { defineConfig } from "vitest/config";

// Two tiers. "fast" is what a change is checked with first (`npm run test:fast`, under a minute on two
// cores); "sweeps" holds the parity sweeps over whole corpora and all of Unicode, the runtimes and
// browsers, the fuzzers and the largest inputs. `npm test` runs both.
const SWEEPS = [
  "test/parity-corpus.test.ts",
  "test/parity-generated.test.ts",
  "test/unicode.test.ts",
  "test/long-input.test.ts",
  "test/huge-input.test.ts",
  "test/limits.test.ts",
  "test/huggingface-models.test.ts",
  "test/formats.test.ts",
  "test/decode-text.test.ts",
  "test/decode.test.ts",
  "test/stream.test.ts",
  "test/train.test.ts",
  "test/fuzz.test.ts",
  "test/fuzz-vocab.test.ts",
  "test/runtime-*.test.ts",
  "test/playground.test.ts",
  "test/threads.test.ts",
  "test/memory-bound.test.ts",
];

export default defineConfig({
  test: {
    // Parity tests encode megabytes through both tokenizers; allow them time on a 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: "fast", include: ["test/**/*.test.ts"], exclude: SWEEPS } },
      { extends: true, test: { name: "sweeps", include: SWEEPS } },
    ],
  },
});

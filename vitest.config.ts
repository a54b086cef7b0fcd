import { defineConfig } from "vitest/config";

// Two tiers. "fast" is what a change is checked with first (`npm run test:fast`, under a minute on two
// cores); "sweeps" holds the parity sweeps over whole corpora and all of Unicode, the runtimes and
// browsers, the fuzzers and the largest inputs. `npm test` runs both. test/ is in folders by what a
// test checks (docs/testing.md).
const SWEEPS = [
  "test/parity/**/*.test.ts",
  "test/runtimes/**/*.test.ts",
  "test/fuzz/**/*.test.ts",
  "test/engine/long-input.test.ts",
  "test/engine/huge-input.test.ts",
  "test/engine/limits.test.ts",
  "test/engine/memory-bound.test.ts",
  "test/formats/readers.test.ts",
  "test/api/decode-text.test.ts",
  "test/api/decode.test.ts",
  "test/api/stream.test.ts",
  "test/train/trainer.test.ts",
  "test/cli/compare-memory.test.ts",
];

// Installed packages ship tests of their own (test/models/, test/runtimes/, test/apps/ hold
// node_modules): setting `exclude` replaces vitest's default, so it is said again here.
const NOT_OURS = ["**/node_modules/**", "test/apps/.run/**"];

export default defineConfig({
  test: {
    // Parity tests encode megabytes through both tokenizers; allow them time on a 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: "fast", include: ["test/**/*.test.ts"], exclude: [...SWEEPS, ...NOT_OURS] } },
      { extends: true, test: { name: "sweeps", include: SWEEPS, exclude: NOT_OURS } },
    ],
  },
});

import { defineConfig } from "vitest/config";

// Parity tests encode megabytes through both tokenizers; allow them time on a 2-core machine.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});

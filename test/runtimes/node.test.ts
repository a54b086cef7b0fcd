// Node: the parity sample with the default file loading and with init() given bytes or http URLs,
// each in its own process (init is once per process); and examples/node.mjs as written.

import { expect, test } from "vitest";
import { expectedParity, parityOutput, run } from "./harness.js";
import { servedSample } from "./served-sample.js";
import { reference } from "../helpers/reference.js";

const served = servedSample();
const { sample, file } = served;

for (const mode of ["file", "bytes", "url"]) {
  test(`Node reproduces tiktoken's ids on the sample, loading by ${mode}`, async () => {
    const stdout = await run(process.execPath, ["test/runtimes/run-parity.mjs", file, mode, served.server.origin]);
    expect(parityOutput(stdout)).toEqual(expectedParity(sample));
  });
}

test("examples/node.mjs prints tiktoken's ids", async () => {
  const text = "Grüße, 世界! 👋 tokens";
  const out = JSON.parse(await run(process.execPath, ["examples/node.mjs", text]));
  expect(out.ids).toEqual(Array.from(reference("o200k_base").encode(text)));
  expect(out.count).toBe(out.ids.length);
  expect(out.decoded).toBe(text);
});

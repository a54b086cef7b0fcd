// Node: the parity sample with the default file loading and with init() given bytes or http URLs,
// each in its own process (init is once per process); and examples/node.mjs as written.

import { afterAll, beforeAll, expect, test } from "vitest";
import { expectedParity, parityOutput, run, writeSample, removeFreshDirs } from "./runtimes/harness.js";
import { startServer, type TestServer } from "./runtimes/server.js";
import { reference } from "./helpers/reference.js";

const { sample, file } = writeSample();
let server: TestServer;
beforeAll(async () => (server = await startServer(sample)));
afterAll(async () => {
  await server.close();
  removeFreshDirs();
});

for (const mode of ["file", "bytes", "url"]) {
  test(`Node reproduces tiktoken's ids on the sample, loading by ${mode}`, async () => {
    const stdout = await run(process.execPath, ["test/runtimes/run-parity.mjs", file, mode, server.origin]);
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

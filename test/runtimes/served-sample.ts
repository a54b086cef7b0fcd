// The parity sample for one test file: written to disk for child processes, served over http from
// before the first test, the server closed and the fresh directories removed after the last.

import { afterAll, beforeAll } from "vitest";
import { writeSample, removeFreshDirs } from "./harness.js";
import { startServer, type TestServer } from "./server.js";

export function servedSample(): { sample: ReturnType<typeof writeSample>["sample"]; file: string; readonly server: TestServer } {
  const { sample, file } = writeSample();
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startServer(sample);
  });
  afterAll(async () => {
    await server?.close();
    removeFreshDirs();
  });
  return {
    sample,
    file,
    get server(): TestServer {
      if (!server) throw new Error("the sample server starts in beforeAll");
      return server;
    },
  };
}

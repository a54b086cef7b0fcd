// encode-file's worker pool: a worker that fails, cannot deliver a message or stops on its own makes
// the run fail with that cause, and every worker is terminated; nothing waits forever.

import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { FakeWorker, type Behaviour as FakeBehaviour } from "../helpers/fake-worker.js";

type Behaviour = FakeBehaviour<{ seq: number; text: string }>;

let encodeInWorkers: typeof import("../../src/cli/encode-workers.js").encodeInWorkers;
beforeAll(async () => {
  vi.doMock("node:worker_threads", () => ({ Worker: FakeWorker }));
  ({ encodeInWorkers } = await import("../../src/cli/encode-workers.js"));
});
afterAll(() => {
  vi.doUnmock("node:worker_threads");
});

async function run(behaviour: Behaviour) {
  FakeWorker.reset(behaviour);
  const written: string[] = [];
  const pieces = (async function* () {
    for (let i = 0; i < 20; i++) yield new Uint8Array(i + 1);
  })();
  const sink = {
    write: async (ids: Uint32Array, piece: { length: number; newlines: number }) => void written.push(`ids ${ids} of ${piece.length} bytes, ${piece.newlines} lines`),
    disallowed: (token: string) => new Error(`disallowed ${token}`),
  };
  const outcome = await encodeInWorkers(pieces, { encoding: "o200k_base" }, {}, 2, sink).then(
    () => "resolved",
    (e: unknown) => e,
  );
  return { outcome, written, workers: FakeWorker.all };
}

const answer: Behaviour = (worker, { seq }) => worker.emit("message", { seq, ids: Uint32Array.of(seq), newlines: 2 * seq });

test("all pieces answered: written in order", async () => {
  const { outcome, written, workers } = await run(answer);
  expect(outcome).toBe("resolved");
  expect(written).toEqual(Array.from({ length: 20 }, (_, i) => `ids ${i} of ${i + 1} bytes, ${2 * i} lines`));
  expect(workers.every((w) => w.terminated)).toBe(true);
});

test.each([
  ["stops on its own", (w: FakeWorker) => w.emit("exit", 134), /stopped \(exit code 134\)/],
  ["fails", (w: FakeWorker) => w.emit("error", new Error("boom")), /boom/],
  ["cannot deliver a message", (w: FakeWorker) => w.emit("messageerror", new Error("could not deserialize")), /deserialize/],
] as const)("a worker that %s fails the run, and all are terminated", async (_, breakDown, message) => {
  let broke = false;
  const { outcome, workers } = await run((worker, request) => {
    if (request.seq === 5 && !broke) {
      broke = true;
      return breakDown(worker);
    }
    if (request.seq < 5) answer(worker, request);
    // later pieces go unanswered, as by a worker that is gone
  });
  expect(outcome).toBeInstanceOf(Error);
  expect((outcome as Error).message).toMatch(message);
  expect(workers.every((w) => w.terminated)).toBe(true);
});

test("an error reply with a code comes back as that BytepairError", async () => {
  const { outcome } = await run((worker, { seq }) =>
    seq === 3 ? worker.emit("message", { seq, error: "Could not grow", code: "OUT_OF_MEMORY" }) : answer(worker, { seq, text: "" }),
  );
  expect(outcome).toMatchObject({ name: "BytepairError", code: "OUT_OF_MEMORY" });
});

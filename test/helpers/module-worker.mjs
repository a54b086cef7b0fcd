// A worker thread for test/runtimes/threads.test.ts: given the compiled engine Module and the vocabulary's
// bytes (no file reads of its own), encodes each text it is sent and replies with the ids.
import { parentPort, workerData } from "node:worker_threads";
import { init, getEncoding } from "bytepair";

init({ wasm: workerData.module, vocab: { [workerData.ranks]: workerData.vocab } });
const enc = await getEncoding(workerData.encoding);
parentPort.on("message", ({ text, index }) => {
  const ids = enc.encode(text, { allowedSpecial: "all" });
  parentPort.postMessage({ index, ids, memoryBytes: enc.memoryBytes });
});
parentPort.postMessage({ ready: true });

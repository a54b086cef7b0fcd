// Runs dist/edge.js in the edge-runtime package's sandbox on 127.0.0.1:PORT.
import { readFileSync } from "node:fs";
import { EdgeRuntime, runServer } from "edge-runtime";

const port = Number(process.argv[2]);
const runtime = new EdgeRuntime({ initialCode: readFileSync(new URL("./dist/edge.js", import.meta.url), "utf8") });
await runServer({ runtime, port, host: "127.0.0.1" });

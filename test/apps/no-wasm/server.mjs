// A host without WebAssembly (run with node --jitless): bytepair/inline with the pure-JS engine,
// answering on 127.0.0.1:PORT.
import { createServer } from "node:http";
import { getEncoding } from "bytepair/inline";
import { tokenizeAll } from "./shared/tokenize.js";

const port = Number(process.argv[2]);
createServer(async (request, response) => {
  let body;
  try {
    body = { results: await tokenizeAll(getEncoding, { engine: "js" }), hasWebAssembly: typeof WebAssembly !== "undefined" };
  } catch (e) {
    body = { error: String(e?.stack ?? e) };
  }
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
}).listen(port, "127.0.0.1");

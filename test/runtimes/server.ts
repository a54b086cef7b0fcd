// A tiny static server on 127.0.0.1 for the runtime tests: the repository's files (so pages import
// /build/index.js as a site would), .wasm as application/wasm, the parity sample at /sample.json,
// and POST /results, where pages that no test driver can read (Firefox) report back.

import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".bpv": "application/octet-stream",
};

export interface TestServer {
  /** e.g. "http://127.0.0.1:40123/" */
  origin: string;
  /** The next body POSTed to /results, parsed as JSON. */
  nextResult(timeoutMs: number): Promise<unknown>;
  close(): Promise<void>;
}

export async function startServer(sample: unknown): Promise<TestServer> {
  const sampleJson = JSON.stringify(sample);
  const waiting: ((body: unknown) => void)[] = [];
  const received: unknown[] = [];
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    if (request.method === "POST" && path === "/results") {
      let body = "";
      for await (const chunk of request) body += chunk;
      response.writeHead(204).end();
      const parsed = JSON.parse(body);
      const waiter = waiting.shift();
      if (waiter) waiter(parsed);
      else received.push(parsed);
      return;
    }
    if (path === "/sample.json") {
      response.writeHead(200, { "content-type": MIME[".json"] }).end(sampleJson);
      return;
    }
    const file = normalize(repoRoot + path);
    if (!file.startsWith(repoRoot) || file.split(sep).includes("node_modules")) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}/`,
    nextResult(timeoutMs) {
      if (received.length) return Promise.resolve(received.shift());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no result POSTed within ${timeoutMs} ms`)), timeoutMs);
        waiting.push((body) => {
          clearTimeout(timer);
          resolve(body);
        });
      });
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

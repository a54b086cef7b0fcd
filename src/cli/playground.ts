// `bytepair playground`: serves the playground page (build/playground/) on 127.0.0.1. The page runs
// the library itself, so the server only hands out files: the page, and beside it the engine
// (/bytepair.wasm, as application/wasm) and the packed vocabularies (/vocab/NAME.bpv) from build/.

import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join, normalize, sep } from "node:path";
import { CliError, fsReason } from "./errors.js";

export const PLAYGROUND_USAGE = `  bytepair playground [--port N]`;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".bpv": "application/octet-stream",
};

/** The file a URL path names: the page's files, the engine, or a vocabulary; undefined for anything else. */
export function playgroundFile(buildDir: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split("?")[0]);
  } catch {
    return undefined;
  }
  if (path === "/") path = "/index.html";
  const relative = normalize(path).replace(/^[/\\]+/, "");
  if (relative.startsWith("..") || relative.includes(`${sep}..`)) return undefined;
  if (relative === "bytepair.wasm" || /^vocab[/\\][\w.-]+\.bpv$/.test(relative)) return join(buildDir, relative);
  if (/^[\w.-]+\.(html|css|js)$/.test(relative)) return join(buildDir, "playground", relative);
  return undefined;
}

export function startPlayground(buildDir: string, port: number): Promise<Server> {
  const server = createServer(async (request, response) => {
    const file = request.method === "GET" || request.method === "HEAD" ? playgroundFile(buildDir, request.url ?? "/") : undefined;
    try {
      if (!file) throw Object.assign(new Error("not found"), { code: "ENOENT" });
      const body = await readFile(file);
      const type = TYPES[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream";
      response.writeHead(200, { "content-type": type, "content-length": body.length, "cache-control": "no-cache" });
      response.end(request.method === "HEAD" ? undefined : body);
    } catch (e) {
      const missing = (e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "EISDIR";
      response.writeHead(missing ? 404 : 500, { "content-type": "text/plain; charset=utf-8" });
      response.end(missing ? "not found\n" : `error: ${(e as Error).message}\n`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

export async function playgroundCommand(argv: string[], fail: (m: string) => never): Promise<void> {
  let port = 4747;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = a === "--port" || a === "-p" ? argv[++i] : a.startsWith("--port=") ? a.slice(7) : undefined;
    if (v === undefined) fail(a === "--port" || a === "-p" ? `${a} needs a value` : `unknown argument ${a}`);
    if (!/^\d+$/.test(v) || Number(v) > 65535) fail(`--port must be a number from 0 to 65535, got ${JSON.stringify(v)}`);
    port = Number(v);
  }
  const buildDir = fileURLToPath(new URL(".", import.meta.url)); // build/, where this bundle (build/cli.js) is
  let server: Server;
  try {
    server = await startPlayground(buildDir, port);
  } catch (e) {
    throw new CliError(`cannot listen on 127.0.0.1:${port}: ${fsReason(e)}`);
  }
  const address = server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  process.stdout.write(`bytepair playground: http://127.0.0.1:${actual}/  (Ctrl-C to stop)\n`);
}

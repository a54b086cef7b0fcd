// Runs a Worker in workerd as wrangler would deploy it: the source is bundled by esbuild with
// wrangler's module rules (*.wasm a compiled module, here *.bpv a data module, both left as
// separate modules), and a capnp config lists the modules and listens on 127.0.0.1.

import { build, type Plugin } from "esbuild";
import { copyFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export interface Module {
  name: string;
  kind: "esModule" | "wasm" | "data";
}

/** Bundles `entry` into `dir` (worker.js plus one file per wasm or data module) and returns the modules. */
export async function bundleWorker(entry: string, dir: string): Promise<Module[]> {
  const modules: Module[] = [{ name: "worker.js", kind: "esModule" }];
  const rules: Plugin = {
    name: "wrangler-module-rules",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /\.(wasm|bpv)$/ }, async (args) => {
        if (args.pluginData === "resolving") return undefined;
        const resolved = await pluginBuild.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: "resolving" });
        if (resolved.errors.length) return { errors: resolved.errors };
        const name = basename(resolved.path);
        if (!modules.some((m) => m.name === name)) {
          copyFileSync(resolved.path, join(dir, name));
          modules.push({ name, kind: name.endsWith(".wasm") ? "wasm" : "data" });
        }
        return { path: `./${name}`, external: true };
      });
    },
  };
  await build({
    entryPoints: [entry],
    outfile: join(dir, "worker.js"),
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    plugins: [rules],
    logLevel: "silent",
  });
  return modules;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningWorker {
  origin: string;
  stop(): void;
}

/** Writes config.capnp for the bundled modules in `dir` and starts `workerd serve` on it. */
export async function serveWorker(workerd: string, dir: string, modules: Module[]): Promise<RunningWorker> {
  const port = await freePort();
  const list = modules.map((m) => `(name = "${m.name}", ${m.kind} = embed "${m.name}")`).join(",\n      ");
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [
      ${list}
  ],
  compatibilityDate = "2025-01-01",
);
`,
  );
  const child: ChildProcess = spawn(workerd, ["serve", "config.capnp"], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const origin = `http://127.0.0.1:${port}`;
  // Ready when it answers; workerd starts in well under a second.
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}: ${stderr}`);
    try {
      await fetch(origin);
      break;
    } catch {
      if (attempt > 100) {
        child.kill();
        throw new Error(`workerd did not answer on ${origin}: ${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { origin, stop: () => child.kill() };
}

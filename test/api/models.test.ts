// Model names map to encodings as tiktoken's own table (model_to_encoding.json) says; dated and
// fine-tuned variants map as their base model does.

import { expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { encodingForModel } from "bytepair";

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

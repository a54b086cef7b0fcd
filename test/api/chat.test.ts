// encodeChat gives gpt-tokenizer's encodeChat ids for the same messages and model: the gpt-3.5-turbo
// and gpt-4 / gpt-4o ChatML formats, on many seeded random chats (corpus text and fuzzed strings,
// roles, names, empty content), and its errors are BytepairErrors. gpt-tokenizer's own text encoding
// differs from tiktoken's on some fuzzed strings (its RegExp's \s, lone surrogates): the chats hold only
// contents it encodes as tiktoken does, so what is compared is the chat format.

import { describe, expect, test } from "vitest";
import { encodeChat, BytepairError, type ChatMessage } from "bytepair";
import { corpusDocuments } from "../helpers/corpus.js";
import { prng, pick, randomInt } from "../helpers/random.js";
import { fuzzText } from "../fuzz/text.mjs";
import { reference } from "../helpers/reference.js";

type GptTokenizerChat = (chat: ChatMessage[], model?: string, options?: { primeWithAssistantResponse?: string }) => number[];
interface GptTokenizerModel {
  encodeChat: GptTokenizerChat;
  encode(text: string): number[];
}
const MODELS = ["gpt-3.5-turbo", "gpt-3.5-turbo-0125", "gpt-4", "gpt-4-turbo", "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-5", "o3"];

async function gptTokenizer(model: string): Promise<GptTokenizerModel> {
  return await import(`gpt-tokenizer/model/${model}`);
}
async function theirEncodeChat(model: string): Promise<GptTokenizerChat> {
  return (await gptTokenizer(model)).encodeChat;
}

// Text that names no special token of either side (gpt-tokenizer's o200k_base has <|fim_prefix|> and the
// ChatML tokens as specials, tiktoken's has not): those are checked apart.
const SPECIAL_LIKE = /<\|[^|]*\|>/g;
const snippets = ["udhr", "spam", "ts-code"].flatMap((c) => corpusDocuments(c).slice(0, 40)).map((d) => d.slice(0, 400));

/** A seeded chat; `fits` says whether gpt-tokenizer encodes a content as tiktoken does (else another is drawn). */
function randomChat(seed: number, fits: (text: string) => boolean = () => true): ChatMessage[] {
  const random = prng(seed);
  const count = randomInt(random, 6);
  return Array.from({ length: count }, (_, i) => {
    let content = "";
    for (let draw = 0; randomInt(random, 8) !== 0 && draw < 20; draw++) {
      content = (random() < 0.5 ? pick(random, snippets) : fuzzText(seed * 1000 + i * 20 + draw)).replace(SPECIAL_LIKE, "");
      if (fits(content)) break;
      content = "";
    }
    const message: ChatMessage = { content };
    const role = random() < 0.9 ? pick(random, ["system", "user", "assistant", "tool", "developer"]) : undefined;
    if (role) message.role = role;
    if (random() < 0.15) message.name = pick(random, ["alice", "Bob_2", "example user", "ünïcode"]);
    return message;
  });
}

describe.each(MODELS)("%s", (model) => {
  test("200 random chats: gpt-tokenizer's ids", async () => {
    const them = await gptTokenizer(model);
    const theirs = them.encodeChat;
    const tiktoken = reference(model.startsWith("gpt-3.5") || model === "gpt-4" || model === "gpt-4-turbo" ? "cl100k_base" : "o200k_base");
    const fits = (text: string) => {
      try {
        const a = them.encode(text);
        const b = tiktoken.encode(text);
        return a.length === b.length && a.every((id, k) => id === b[k]);
      } catch {
        return false; // a special token made by the cut: either side may refuse it
      }
    };
    let fuzzed = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const chat = randomChat(seed, fits);
      fuzzed += chat.filter((m) => m.content !== "" && !snippets.includes(m.content)).length;
      expect([seed, Array.from(await encodeChat(chat, { model }))]).toEqual([seed, theirs(chat, model)]);
    }
    const chat = randomChat(7);
    for (const prime of ["", "user"]) {
      expect(Array.from(await encodeChat(chat, { model, primeWithAssistantResponse: prime }))).toEqual(theirs(chat, model, { primeWithAssistantResponse: prime }));
    }
    expect(Array.from(await encodeChat([], { model }))).toEqual(theirs([], model));
    expect(fuzzed).toBeGreaterThan(100);
  });
});

test("the js engine gives the same ids", async () => {
  for (const model of ["gpt-3.5-turbo", "gpt-4o"]) {
    const chat = randomChat(3);
    expect(Array.from(await encodeChat(chat, { model, engine: "js" }))).toEqual(Array.from(await encodeChat(chat, { model })));
  }
});

test("a special token in content is an error, as in gpt-tokenizer; allowed, it is its id", async () => {
  const theirs = await theirEncodeChat("gpt-4");
  const chat = [{ role: "user", content: "hi <|endoftext|> there" }];
  expect(() => theirs(chat, "gpt-4")).toThrow();
  await expect(encodeChat(chat, { model: "gpt-4" })).rejects.toMatchObject({ code: "DISALLOWED_SPECIAL_TOKEN", token: "<|endoftext|>" });
  const allowed = await encodeChat(chat, { model: "gpt-4", allowedSpecial: "all" });
  expect(Array.from(allowed)).toContain(100257);
});

test("bad messages, options and models are BytepairErrors that say what", async () => {
  const cases: [unknown, unknown, string, RegExp][] = [
    [[{ role: "user", content: "x" }], undefined, "INVALID_ARGUMENT", /needs options \{ model \}/],
    [[{ role: "user", content: "x" }], { model: 4 }, "INVALID_ARGUMENT", /options\.model/],
    [[{ role: "user", content: "x" }], { model: "gpt-9000x" }, "UNKNOWN_MODEL", /gpt-9000x/],
    [[{ role: "user", content: "x" }], { model: "davinci" }, "INVALID_ARGUMENT", /has no ChatML chat format/],
    [[{ role: "user", content: "x" }], { model: "gpt-oss-20b" }, "INVALID_ARGUMENT", /has no ChatML chat format/],
    [5, { model: "gpt-4o" }, "INVALID_ARGUMENT", /messages to be an array/],
    [[{ role: "user" }], { model: "gpt-4o" }, "INVALID_ARGUMENT", /messages\[0\]\.content must be a string/],
    [[{ content: "a" }, null], { model: "gpt-4o" }, "INVALID_ARGUMENT", /messages\[1\] is null/],
    [[{ role: 7, content: "a" }], { model: "gpt-4o" }, "INVALID_ARGUMENT", /messages\[0\]\.role must be a string/],
    [[{ content: "a<|im_end|>" }], { model: "gpt-4o" }, "DISALLOWED_SPECIAL_TOKEN", /messages\[0\]\.content contains the chat token "<\|im_end\|>" at offset 1/],
    [[{ content: "a" }], { model: "gpt-4o", primeWithAssistantResponse: 1 }, "INVALID_ARGUMENT", /primeWithAssistantResponse/],
  ];
  for (const [messages, options, code, message] of cases) {
    const error = await encodeChat(messages as ChatMessage[], options as { model: string }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BytepairError);
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
  }
});

// applyChatTemplate gives the text and ids of @lenml/tokenizers' apply_chat_template (transformers.js's) for
// the chat templates of real models' tokenizer_config.json, on many generated chats (system, user and
// assistant turns, tool calls where the template has them, text in many scripts, with and without the
// generation prompt); its errors are BytepairErrors. @lenml/tokenizers bundles an older Jinja that cannot
// parse Qwen3's or Gemma 3's template, so it is handed templates parsed by @huggingface/jinja, the
// renderer bytepair uses: what is compared is everything around the renderer (which template, which
// variables, the special tokens, the encoding of the text).

import { beforeAll, describe, expect, test } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Template } from "@huggingface/jinja";
import { BytepairError, Tokenizer, renderChatTemplate, type ChatTemplateMessage, type TokenizerConfig } from "bytepair";
import { modelDir } from "../helpers/models.js";
import { corpusDocuments } from "../helpers/corpus.js";
import { prng, pick, randomInt } from "../helpers/random.js";
import { reference } from "../helpers/reference.js";

interface ModelCase {
  model: string;
  /** Whether fromHuggingFace loads the model, so that ids are compared too (else the text only). */
  ids: boolean;
  /** The tool-call form the template writes, if any. */
  tools?: "qwen" | "deepseek";
  /** The template refuses chats whose turns do not alternate user/assistant. */
  alternating?: boolean;
  /** The template reads content given as a list of parts. */
  parts?: boolean;
}

const MODELS: ModelCase[] = [
  { model: "llama3_1", ids: true },
  { model: "qwen3", ids: true, tools: "qwen" },
  { model: "deepseek_v3", ids: true, tools: "deepseek" },
  { model: "gemma3", ids: true, alternating: true, parts: true },
];

const CHATS = 150;

/** @lenml/tokenizers' PreTrainedTokenizer, as far as it is used here. */
interface TheirTokenizer {
  apply_chat_template(messages: unknown[], options: Record<string, unknown>): string | number[];
  _compiled_template_cache: Map<string, unknown>;
}

const lenmlUrl = new URL("../models/node_modules/@lenml/tokenizers/dist/main.mjs", import.meta.url).href;

const read = new Map<string, { json: object; config: TokenizerConfig }>();

/** A model's tokenizer.json and tokenizer_config.json, read once (loading is most of this file's time). */
function readModel(model: string): { json: object; config: TokenizerConfig } {
  if (!read.has(model)) {
    const dir = modelDir(model);
    read.set(model, {
      json: JSON.parse(readFileSync(new URL("tokenizer.json", dir), "utf8")),
      config: JSON.parse(readFileSync(new URL("tokenizer_config.json", dir), "utf8")),
    });
  }
  return read.get(model)!;
}

const ourModels = new Map<string, Promise<Tokenizer>>();
function ourModel(model: string): Promise<Tokenizer> {
  if (!ourModels.has(model)) ourModels.set(model, Tokenizer.fromHuggingFace(readModel(model).json));
  return ourModels.get(model)!;
}

const loaded = new Map<string, Promise<TheirTokenizer>>();

/** Theirs for a model's own files, loaded once (Gemma 3's takes seconds). */
function theirModel(model: string): Promise<TheirTokenizer> {
  if (!loaded.has(model)) {
    const { json, config } = readModel(model);
    loaded.set(model, theirTokenizer(json, config));
  }
  return loaded.get(model)!;
}

async function theirTokenizer(json: object, config: TokenizerConfig): Promise<TheirTokenizer> {
  const { TokenizerLoader } = await import(lenmlUrl);
  const tokenizer = TokenizerLoader.fromPreTrained({ tokenizerJSON: json, tokenizerConfig: config }) as TheirTokenizer;
  const template = config.chat_template;
  const sources = typeof template === "string" ? [template] : Array.isArray(template) ? template.map((t) => t.template) : Object.values(template ?? {});
  for (const source of sources) tokenizer._compiled_template_cache.set(source, new Template(source));
  return tokenizer;
}

/** Their options for ours: the same names as transformers' keyword arguments. */
function theirOptions(options: { addGenerationPrompt?: boolean; tools?: object[]; templateName?: string; [variable: string]: unknown }): Record<string, unknown> {
  const { addGenerationPrompt, tools, templateName, ...variables } = options;
  return { add_generation_prompt: addGenerationPrompt ?? false, tools: tools ?? null, chat_template: templateName ?? null, ...variables };
}

// Text in many scripts, code and mail, with a few strings a template or its encoding could trip on.
const EDGES = ["", " ", "  leading and trailing  ", "\n\nnewlines\n", "tab\tand\r\ncrlf", "emoji 🧑‍🚀🇯🇵 and ZWJ", "naïve café 東京 Ελληνικά العربية", "a{{ b }}c{% d %}", "\u00a0nbsp", "quotes \" ' `"];
let snippets: string[] = [];
beforeAll(() => {
  snippets = ["udhr", "spam", "ts-code", "brown"].flatMap((c) => corpusDocuments(c).slice(0, 60)).map((d) => d.slice(0, 300));
});

function text(random: () => number): string {
  return random() < 0.25 ? pick(random, EDGES) : pick(random, snippets);
}

const TOOLS = [
  {
    type: "function",
    function: {
      name: "get_weather",
      description: "The weather in a city — now",
      parameters: { type: "object", properties: { city: { type: "string", description: "e.g. Zürich" }, unit: { type: "string", enum: ["c", "f"] } }, required: ["city"] },
    },
  },
  { type: "function", function: { name: "search", description: "Search the web", parameters: { type: "object", properties: { q: { type: "string" } } } } },
];

function toolCall(random: () => number, form: "qwen" | "deepseek"): Record<string, unknown> {
  const name = pick(random, ["get_weather", "search"]);
  const args = name === "get_weather" ? { city: pick(random, ["Paris", "東京", "São Paulo"]) } : { q: text(random).slice(0, 40) };
  // DeepSeek's template concatenates the arguments: they must be a JSON string there.
  const asString = form === "deepseek" || random() < 0.5;
  return { type: "function", function: { name, arguments: asString ? JSON.stringify(args) : args } };
}

/** A seeded chat for `c`, and the options it is rendered with. */
function randomChat(seed: number, c: ModelCase): { messages: ChatTemplateMessage[]; options: Record<string, unknown> } {
  const random = prng(seed);
  const messages: ChatTemplateMessage[] = [];
  if (random() < 0.5) messages.push({ role: "system", content: text(random) });
  const turns = 1 + randomInt(random, 6);
  const withTools = c.tools !== undefined && random() < 0.4;
  for (let i = 0; i < turns; i++) {
    const role = c.alternating ? (i % 2 === 0 ? "user" : "assistant") : i % 2 === 0 || random() < 0.2 ? "user" : "assistant";
    if (role === "assistant" && withTools && random() < 0.5) {
      const calls = Array.from({ length: 1 + randomInt(random, 2) }, () => toolCall(random, c.tools!));
      messages.push({ role: "assistant", content: c.tools === "deepseek" ? null : random() < 0.5 ? "" : text(random), tool_calls: calls });
      for (const _ of calls) messages.push({ role: "tool", content: random() < 0.5 ? JSON.stringify({ temperature: 21, sky: "clair" }) : text(random) });
      continue;
    }
    const message: ChatTemplateMessage = { role, content: text(random) };
    // Gemma 3's template reads content given as parts too (text, and images as their token).
    if (c.parts && random() < 0.25) message.content = [{ type: "text", text: text(random) }, ...(random() < 0.5 ? [{ type: "image" }, { type: "text", text: text(random) }] : [])];
    if (role === "assistant" && c.model === "qwen3" && random() < 0.3) {
      if (random() < 0.5) message.reasoning_content = text(random);
      else message.content = `<think>\n${text(random)}\n</think>\n\n${message.content}`;
    }
    messages.push(message);
  }
  const options: Record<string, unknown> = { addGenerationPrompt: random() < 0.6 };
  if (withTools) options.tools = TOOLS;
  if (c.model === "qwen3" && random() < 0.3) options.enable_thinking = false;
  return { messages, options };
}

describe.each(MODELS)("$model", (c) => {
  let config: TokenizerConfig;
  let theirs: TheirTokenizer;
  let ours: Tokenizer | undefined;
  beforeAll(async () => {
    config = readModel(c.model).config;
    theirs = await theirModel(c.model);
    if (c.ids) ours = await ourModel(c.model);
  });

  test(`${CHATS} generated chats: @lenml/tokenizers' text${c.ids ? " and ids" : ""}`, async () => {
    let compared = 0;
    const seen = { tools: 0, generationPrompt: 0, multiTurn: 0, nonAscii: 0, parts: 0 };
    for (let seed = 1; seed <= CHATS; seed++) {
      const { messages, options } = randomChat(seed, c);
      seen.tools += options.tools ? 1 : 0;
      seen.generationPrompt += options.addGenerationPrompt ? 1 : 0;
      seen.parts += messages.some((m) => Array.isArray(m.content)) ? 1 : 0;
      seen.multiTurn += messages.filter((m) => m.role !== "system").length > 2 ? 1 : 0;
      seen.nonAscii += /[^\x00-\x7f]/.test(JSON.stringify(messages.map((m) => m.content))) ? 1 : 0;
      const expected = theirs.apply_chat_template(messages, { ...theirOptions(options), tokenize: false }) as string;
      const where = `seed ${seed}: ${JSON.stringify(messages).slice(0, 200)}`;
      expect(await renderChatTemplate(messages, { config, ...options }), where).toBe(expected);
      if (ours) {
        expect(await ours.applyChatTemplate(messages, { config, ...options, tokenize: false }), where).toBe(expected);
        const ids = Array.from(await ours.applyChatTemplate(messages, { config, ...options }));
        expect(ids, where).toEqual(theirs.apply_chat_template(messages, { ...theirOptions(options), return_tensor: false }));
      }
      compared++;
    }
    expect(compared).toBe(CHATS);
    // The chats cover what they are meant to: tools where the template writes them, both ends, long chats, other scripts.
    if (c.tools) expect(seen.tools).toBeGreaterThan(CHATS / 5);
    if (c.parts) expect(seen.parts).toBeGreaterThan(CHATS / 5);
    expect(seen.generationPrompt).toBeGreaterThan(CHATS / 5);
    expect(CHATS - seen.generationPrompt).toBeGreaterThan(CHATS / 5);
    expect(seen.multiTurn).toBeGreaterThan(CHATS / 5);
    expect(seen.nonAscii).toBeGreaterThan(CHATS / 5);
  });

  test.runIf(c.ids)("special tokens in the text are their ids, and the post-processor's are not added again", async () => {
    const messages = [{ role: "user", content: "hi" }];
    const rendered = await ours!.applyChatTemplate(messages, { config, tokenize: false });
    const ids = await ours!.applyChatTemplate(messages, { config });
    expect(Array.from(ids)).toEqual(Array.from(ours!.encode(rendered, { addSpecialTokens: false })));
    expect(ids.length).toBeLessThan(ours!.encodeOrdinary(rendered).length);
  });
});

describe("template choice and variables", () => {
  const qwen = readModel("qwen3");
  const llama = readModel("llama3_1");
  // Named templates as tokenizer_config.json holds them: llama's as "default", Qwen3's (which writes tools) as "tool_use".
  const named: TokenizerConfig = {
    ...qwen.config,
    chat_template: [
      { name: "default", template: llama.config.chat_template as string },
      { name: "tool_use", template: qwen.config.chat_template as string },
      { name: "plain", template: "{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}" },
    ],
    bos_token: { __type: "AddedToken", content: "<|im_start|>" },
  };
  let theirs: TheirTokenizer;
  let ours: Tokenizer;
  beforeAll(async () => {
    theirs = await theirTokenizer(qwen.json, named);
    ours = await ourModel("qwen3");
  });

  test("named templates: default, tool_use when there are tools, or the one named; as transformers picks them", async () => {
    const messages = [{ role: "system", content: "Be brief." }, { role: "user", content: "Weather in Zürich?" }];
    for (const options of [{}, { tools: TOOLS }, { templateName: "plain" }, { templateName: "default", tools: TOOLS }, { templateName: "tool_use" }]) {
      const expected = theirs.apply_chat_template(messages, { ...theirOptions(options), tokenize: false });
      expect(await ours.applyChatTemplate(messages, { config: named, ...options, tokenize: false })).toBe(expected);
      expect(Array.from(await ours.applyChatTemplate(messages, { config: named, ...options }))).toEqual(
        theirs.apply_chat_template(messages, { ...theirOptions(options), return_tensor: false }),
      );
    }
    // The record form of named templates, and a chatTemplate option in place of config's.
    const record = Object.fromEntries((named.chat_template as { name: string; template: string }[]).map((t) => [t.name, t.template]));
    expect(await renderChatTemplate(messages, { chatTemplate: record, templateName: "plain" })).toBe("system: Be brief.\nuser: Weather in Zürich?\n");
    expect(await renderChatTemplate(messages, { config: named, chatTemplate: "{{ messages | length }}" })).toBe("2");
  });

  test("the config's special tokens (text or { content }) and other options are the template's variables", async () => {
    const template = "{{ bos_token }}|{{ eos_token }}|{{ pad_token }}|{{ additional_special_tokens | join(',') }}|{{ enable_thinking }}|{{ unk_token is defined }}";
    const config: TokenizerConfig = { bos_token: "<s>", eos_token: { content: "</s>", lstrip: false }, pad_token: null, unk_token: null, additional_special_tokens: ["<a>", { content: "<b>" }] };
    expect(await renderChatTemplate([], { config, chatTemplate: template, enable_thinking: false })).toBe("<s>|</s>||<a>,<b>|false|false");
    // A variable replaces the config's token, as transformers' keyword arguments do.
    expect(await renderChatTemplate([], { config, chatTemplate: "{{ bos_token }}", bos_token: "<B>" })).toBe("<B>");
    expect(await renderChatTemplate([], { config: JSON.stringify(config), chatTemplate: "{{ eos_token }}" })).toBe("</s>");
  });
});

test("options.jinja is the renderer used when given", async () => {
  const seen: Record<string, unknown>[] = [];
  const jinja = {
    Template: class {
      constructor(readonly source: string) {}
      render(variables: Record<string, unknown>) {
        seen.push(variables);
        return `rendered ${this.source}`;
      }
    },
  };
  const messages = [{ role: "user", content: "hi" }];
  expect(await renderChatTemplate(messages, { chatTemplate: "T", jinja, addGenerationPrompt: true, custom: 1 })).toBe("rendered T");
  expect(seen).toEqual([{ messages, add_generation_prompt: true, tools: null, documents: null, custom: 1 }]);
});

describe("errors", () => {
  const gemma = readModel("gemma3").config;
  const caught = async (f: () => Promise<unknown>): Promise<BytepairError> => {
    try {
      await f();
    } catch (e) {
      expect(e).toBeInstanceOf(BytepairError);
      return e as BytepairError;
    }
    throw new Error("expected an error");
  };

  test("no template is INVALID_ARGUMENT naming config and chatTemplate", async () => {
    const messages = [{ role: "user", content: "hi" }];
    for (const options of [{}, { config: { bos_token: "<s>" } }, { config: { chat_template: null } }]) {
      const e = await caught(() => renderChatTemplate(messages, options));
      expect(e).toMatchObject({ code: "INVALID_ARGUMENT", message: expect.stringMatching(/No chat template.*config.*chatTemplate/) });
    }
    const e = await caught(() => renderChatTemplate(messages, { chatTemplate: [{ name: "tool_use", template: "x" }] }));
    expect(e).toMatchObject({ code: "INVALID_ARGUMENT", message: expect.stringMatching(/no template named "default".*"tool_use"/) });
    expect(await caught(() => renderChatTemplate(messages, { chatTemplate: { a: "x" }, templateName: "b" }))).toMatchObject({
      code: "INVALID_ARGUMENT",
      message: expect.stringMatching(/no template named "b"; it has "a"/),
    });
  });

  test("raise_exception in the template is CHAT_TEMPLATE_ERROR with its message; @lenml/tokenizers refuses the same chat", async () => {
    const messages = [{ role: "user", content: "a" }, { role: "user", content: "b" }];
    const e = await caught(() => renderChatTemplate(messages, { config: gemma }));
    expect(e).toMatchObject({ code: "CHAT_TEMPLATE_ERROR", message: expect.stringMatching(/Conversation roles must alternate user\/assistant/) });
    const theirs = await theirModel("gemma3");
    expect(() => theirs.apply_chat_template(messages, { tokenize: false })).toThrow(/Conversation roles must alternate/);
  });

  test("a template that does not parse, or fails while rendering, is CHAT_TEMPLATE_ERROR", async () => {
    expect(await caught(() => renderChatTemplate([], { chatTemplate: "{% if %}" }))).toMatchObject({ code: "CHAT_TEMPLATE_ERROR", message: expect.stringMatching(/could not be parsed/) });
    expect(await caught(() => renderChatTemplate([{ role: "user", content: "x" }], { chatTemplate: "{{ messages[0].content.nope() }}" }))).toMatchObject({
      code: "CHAT_TEMPLATE_ERROR",
    });
  });

  test("bad messages and options are INVALID_ARGUMENT naming what and where", async () => {
    const bad: [unknown, Record<string, unknown>, RegExp][] = [
      ["hi", {}, /messages to be an array/],
      [[null], {}, /messages\[0\] is null/],
      [[{ role: "user", content: "a" }, { content: "b" }], {}, /messages\[1\]\.role must be a string/],
      [[{ role: "user", content: 5 }], {}, /messages\[0\]\.content must be a string, a list of parts or null/],
      [[], { addGenerationPrompt: "yes" }, /addGenerationPrompt to be true or false/],
      [[], { tokenize: 1 }, /tokenize to be true or false/],
      [[], { tools: {} }, /tools to be an array/],
      [[], { documents: [1] }, /documents\[0\] must be an object/],
      [[], { config: "{not json" }, /config is text that is not JSON/],
      [[], { config: [] }, /config to be tokenizer_config.json's object/],
      [[], { config: { chat_template: "x", bos_token: 7 } }, /config\.bos_token to be a token's text or \{ content \}/],
      [[], { chatTemplate: 7 }, /chatTemplate to be Jinja source or named templates/],
      [[], { chatTemplate: [{ name: "default" }] }, /chatTemplate\[0\] must be \{ name, template \}/],
      [[], { chatTemplate: "x", templateName: "default" }, /is a single template/],
      [[], { chatTemplate: "x", add_generation_prompt: true }, /"add_generation_prompt" cannot be a template variable; pass addGenerationPrompt/],
      [[], { chatTemplate: "x", range: 1 }, /"range" cannot be a template variable \(a Jinja global\)/],
    ];
    for (const [messages, options, message] of bad) {
      const e = await caught(() => renderChatTemplate(messages as ChatTemplateMessage[], options));
      expect(e, String(message)).toMatchObject({ code: "INVALID_ARGUMENT", message: expect.stringMatching(message) });
    }
    expect(await caught(() => renderChatTemplate([], null as never))).toMatchObject({ code: "INVALID_ARGUMENT" });
    expect(await caught(() => renderChatTemplate([], { chatTemplate: "x", jinja: {} as never }))).toMatchObject({
      code: "INVALID_ARGUMENT",
      message: expect.stringMatching(/options\.jinja to be the @huggingface\/jinja module/),
    });
  });

  test("without @huggingface/jinja the package loads and encodes; a chat template is MISSING_DEPENDENCY saying how to install it", () => {
    const dir = mkdtempSync(join(tmpdir(), "bytepair-no-jinja-"));
    try {
      // A resolver that finds no @huggingface/jinja, as in an app that did not install it.
      const hooks = join(dir, "hooks.mjs");
      writeFileSync(
        hooks,
        `export async function resolve(specifier, context, next) {
  if (specifier === "@huggingface/jinja") throw Object.assign(new Error("Cannot find package '@huggingface/jinja'"), { code: "ERR_MODULE_NOT_FOUND" });
  return next(specifier, context);
}\n`,
      );
      const jinjaFile = new URL("../../node_modules/@huggingface/jinja/dist/index.js", import.meta.url).href;
      const script = `
import { getEncoding, renderChatTemplate } from "bytepair";
const ids = Array.from((await getEncoding("o200k_base")).encode("hi"));
const messages = [{ role: "user", content: "hi" }];
let error;
try { await renderChatTemplate(messages, { chatTemplate: "{{ messages[0].content }}" }); } catch (e) { error = { name: e.name, code: e.code, message: e.message }; }
// An app whose own code imports the module (as a bundled app does) passes it.
const jinja = await import(${JSON.stringify(jinjaFile)});
const given = await renderChatTemplate(messages, { chatTemplate: "{{ messages[0].content }}!", jinja });
console.log(JSON.stringify({ ids, error, given }));`;
      const root = fileURLToPath(new URL("../../", import.meta.url));
      const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(new URL(`file://${hooks}`).href)})`;
      const out = execFileSync(process.execPath, ["--import", register, "--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
      const { ids, error, given } = JSON.parse(out.trim().split("\n").at(-1)!);
      expect(given).toBe("hi!");
      expect(ids).toEqual(Array.from(reference("o200k_base").encode("hi")));
      expect(error).toMatchObject({ name: "BytepairError", code: "MISSING_DEPENDENCY", message: expect.stringContaining("npm install @huggingface/jinja") });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

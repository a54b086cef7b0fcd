// Chat templates of Hugging Face models (the Jinja `chat_template` of a tokenizer_config.json), rendered as
// transformers renders them: the template picked by name ("default", or "tool_use" when there are tools),
// the config's special-token strings and the caller's variables handed to it, and every failure of the
// template a BytepairError. Tokenizer.applyChatTemplate encodes the text this gives.

import { BytepairError, describeValue as describe, quote } from "../errors.js";
import { loadJinja, type JinjaModule, type JinjaTemplate } from "./jinja-on-demand.js";

/** One message of a chat, as chat templates read it. */
export interface ChatTemplateMessage {
  /** "system", "user", "assistant", "tool", ... */
  role: string;
  /** Text; parts (e.g. `[{ type: "text", text }]`) for templates that read them; null beside tool_calls. */
  content?: string | readonly Record<string, unknown>[] | null;
  /** Whatever else the template reads: tool_calls, reasoning_content, name, ... */
  [field: string]: unknown;
}

/** A chat template: Jinja source, or named ones (tokenizer_config.json's `[{ name, template }]`, or a record). */
export type ChatTemplate = string | readonly { name: string; template: string }[] | Readonly<Record<string, string>>;

/** A special token as tokenizer_config.json holds it: its text, or an AddedToken object with `content`. */
export type ConfigToken = string | { content: string; [field: string]: unknown } | null;

/** What is read of a tokenizer_config.json: the template and the special tokens' texts. */
export interface TokenizerConfig {
  chat_template?: ChatTemplate | null;
  bos_token?: ConfigToken;
  eos_token?: ConfigToken;
  unk_token?: ConfigToken;
  sep_token?: ConfigToken;
  pad_token?: ConfigToken;
  cls_token?: ConfigToken;
  mask_token?: ConfigToken;
  additional_special_tokens?: readonly ConfigToken[] | null;
  [key: string]: unknown;
}

export interface RenderChatTemplateOptions {
  /** The model's tokenizer_config.json (its parsed object or its text): the template and bos_token, eos_token, ... */
  config?: TokenizerConfig | string;
  /** The template to use instead of config's: Jinja source, or named templates. */
  chatTemplate?: ChatTemplate;
  /** Of named templates, the one to use. Default "tool_use" when `tools` are given and there is one, else "default". */
  templateName?: string;
  /** End with what opens the assistant's reply (the template's `add_generation_prompt`). Default false. */
  addGenerationPrompt?: boolean;
  /** Tools the model may call, as JSON schemas (the template's `tools`). */
  tools?: readonly Record<string, unknown>[];
  /** Documents for retrieval-augmented generation (the template's `documents`). */
  documents?: readonly Record<string, unknown>[];
  /**
   * The @huggingface/jinja module, for apps whose bundler must see it imported (`await import("@huggingface/jinja")`).
   * Default: the installed package, imported on first use.
   */
  jinja?: JinjaModule;
  /** Any other option is a variable of the template, e.g. Qwen3's `enable_thinking: false`. */
  [variable: string]: unknown;
}

export type { JinjaModule };

export interface ChatTemplateOptions extends RenderChatTemplateOptions {
  /** true (the default): the ids of the rendered text; false: the text. */
  tokenize?: boolean;
}

/** Options that are not template variables. */
const OPTIONS = new Set(["config", "chatTemplate", "templateName", "addGenerationPrompt", "tools", "documents", "tokenize", "jinja"]);
/** Names a variable may not take: the ones set here, and @huggingface/jinja's globals (it refuses to redeclare them). */
const RESERVED = new Set(["messages", "add_generation_prompt", "tools", "documents", "namespace", "raise_exception", "range", "strftime_now", "true", "false", "none", "True", "False", "None"]);
/** The special tokens transformers hands every template (its special_tokens_map). */
const SPECIAL_TOKENS = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"] as const;

/**
 * The text of `messages` in a chat template: `options.chatTemplate`, else the `chat_template` of
 * `options.config` (a tokenizer_config.json). Needs @huggingface/jinja, loaded on first use.
 */
export async function renderChatTemplate(messages: readonly ChatTemplateMessage[], options: RenderChatTemplateOptions = {}): Promise<string> {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new BytepairError("INVALID_ARGUMENT", `Chat template: expected options to be an object, got ${describe(options)}`);
  }
  const config = readConfig(options.config);
  const list = checkMessages(messages);
  const tools = checkObjects(options.tools, "tools");
  const documents = checkObjects(options.documents, "documents");
  const addGenerationPrompt = checkBoolean(options.addGenerationPrompt, "addGenerationPrompt") ?? false;
  checkBoolean(options.tokenize, "tokenize");
  const source = pickTemplate(options.chatTemplate !== undefined ? options.chatTemplate : config?.chat_template, options.templateName, tools !== undefined, options.chatTemplate !== undefined);
  const variables: Record<string, unknown> = {
    messages: list,
    add_generation_prompt: addGenerationPrompt,
    // null when not given, as transformers passes None
    tools: tools ?? null,
    documents: documents ?? null,
    ...specialTokens(config),
  };
  for (const [name, value] of Object.entries(options)) {
    if (OPTIONS.has(name)) continue;
    if (RESERVED.has(name)) {
      const own = { messages: "the messages argument", add_generation_prompt: "addGenerationPrompt", tools: "tools", documents: "documents" }[name];
      throw new BytepairError("INVALID_ARGUMENT", `Chat template: ${quote(name)} cannot be a template variable${own ? `; pass ${own}` : " (a Jinja global)"}`);
    }
    variables[name] = value;
  }
  const template = compile(source, await loadJinja(options.jinja));
  try {
    return template.render(variables);
  } catch (e) {
    // raise_exception(...) in the template, or a value it cannot work with: its words, as it said them.
    throw new BytepairError("CHAT_TEMPLATE_ERROR", `The chat template failed on these messages: ${messageOf(e)}`);
  }
}

/** Parsed templates by source: a chat renders many times with one template. */
const compiled = new WeakMap<JinjaModule, Map<string, JinjaTemplate>>();
const COMPILED_KEPT = 16;

function compile(source: string, jinja: JinjaModule): JinjaTemplate {
  let kept = compiled.get(jinja);
  if (!kept) compiled.set(jinja, (kept = new Map()));
  let template = kept.get(source);
  if (template) return template;
  try {
    template = new jinja.Template(source);
  } catch (e) {
    throw new BytepairError("CHAT_TEMPLATE_ERROR", `The chat template could not be parsed: ${messageOf(e)}`);
  }
  if (kept.size >= COMPILED_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(source, template);
  return template;
}

function readConfig(config: unknown): TokenizerConfig | undefined {
  if (config === undefined) return undefined;
  if (typeof config === "string") {
    try {
      config = JSON.parse(config);
    } catch (e) {
      throw new BytepairError("INVALID_ARGUMENT", `Chat template: options.config is text that is not JSON (${messageOf(e)}); pass tokenizer_config.json's object or text`);
    }
  }
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new BytepairError("INVALID_ARGUMENT", `Chat template: expected options.config to be tokenizer_config.json's object, got ${describe(config)}`);
  }
  return config as TokenizerConfig;
}

/** The template's source: a single one, or of named ones the one asked for, "tool_use" with tools, or "default". */
function pickTemplate(template: unknown, name: unknown, withTools: boolean, fromOption: boolean): string {
  const where = fromOption ? "options.chatTemplate" : "config.chat_template";
  if (name !== undefined && typeof name !== "string") throw new BytepairError("INVALID_ARGUMENT", `Chat template: expected templateName to be a string, got ${describe(name)}`);
  if (template === undefined || template === null) {
    throw new BytepairError(
      "INVALID_ARGUMENT",
      "No chat template: pass options.config (the model's tokenizer_config.json, with its chat_template) or options.chatTemplate (Jinja source)",
    );
  }
  if (typeof template === "string") {
    if (name !== undefined) throw new BytepairError("INVALID_ARGUMENT", `Chat template: templateName ${quote(name)} given, but ${where} is a single template`);
    return template;
  }
  const named = namedTemplates(template, where);
  const chosen = name ?? (withTools && named.has("tool_use") ? "tool_use" : "default");
  const source = named.get(chosen);
  if (source === undefined) {
    const names = [...named.keys()].map((n) => quote(n)).join(", ");
    throw new BytepairError(
      "INVALID_ARGUMENT",
      name === undefined
        ? `Chat template: ${where} has no template named "default" to use; pass templateName, one of ${names}`
        : `Chat template: ${where} has no template named ${quote(name)}; it has ${names}`,
    );
  }
  return source;
}

function namedTemplates(template: unknown, where: string): Map<string, string> {
  const named = new Map<string, string>();
  if (Array.isArray(template)) {
    template.forEach((entry: unknown, i) => {
      const { name, template: source } = (entry ?? {}) as { name?: unknown; template?: unknown };
      if (typeof name !== "string" || typeof source !== "string") {
        throw new BytepairError("INVALID_ARGUMENT", `Chat template: ${where}[${i}] must be { name, template } with string values, got ${describe(entry)}`);
      }
      named.set(name, source);
    });
  } else if (typeof template === "object" && template !== null) {
    for (const [name, source] of Object.entries(template)) {
      if (typeof source !== "string") throw new BytepairError("INVALID_ARGUMENT", `Chat template: ${where}[${quote(name)}] must be Jinja source, got ${describe(source)}`);
      named.set(name, source);
    }
  } else {
    throw new BytepairError("INVALID_ARGUMENT", `Chat template: expected ${where} to be Jinja source or named templates, got ${describe(template)}`);
  }
  return named;
}

/** bos_token, eos_token, ... and additional_special_tokens as texts, for those the config sets. */
function specialTokens(config: TokenizerConfig | undefined): Record<string, unknown> {
  const tokens: Record<string, unknown> = {};
  if (!config) return tokens;
  for (const name of SPECIAL_TOKENS) {
    const text = tokenText(config[name], `config.${name}`);
    if (text) tokens[name] = text;
  }
  const additional = config.additional_special_tokens;
  if (additional !== undefined && additional !== null) {
    if (!Array.isArray(additional)) {
      throw new BytepairError("INVALID_ARGUMENT", `Chat template: expected config.additional_special_tokens to be a list, got ${describe(additional)}`);
    }
    const texts = additional.map((token, i) => tokenText(token, `config.additional_special_tokens[${i}]`)).filter((t) => t);
    if (texts.length) tokens.additional_special_tokens = texts;
  }
  return tokens;
}

function tokenText(token: unknown, where: string): string | undefined {
  if (token === undefined || token === null) return undefined;
  if (typeof token === "string") return token;
  if (typeof token === "object" && typeof (token as { content?: unknown }).content === "string") return (token as { content: string }).content;
  throw new BytepairError("INVALID_ARGUMENT", `Chat template: expected ${where} to be a token's text or { content }, got ${describe(token)}`);
}

/** An array of messages, each an object with a string role and, if any, content that is text, parts or null. */
function checkMessages(messages: unknown): readonly ChatTemplateMessage[] {
  if (!Array.isArray(messages)) {
    throw new BytepairError("INVALID_ARGUMENT", `Chat template: expected messages to be an array of { role, content }, got ${describe(messages)}`);
  }
  messages.forEach((message: unknown, index) => {
    const where = `Chat template: messages[${index}]`;
    if (message === null || typeof message !== "object" || Array.isArray(message)) {
      throw new BytepairError("INVALID_ARGUMENT", `${where} is ${describe(message)}, not { role, content }`);
    }
    const { role, content } = message as { role?: unknown; content?: unknown };
    if (typeof role !== "string") throw new BytepairError("INVALID_ARGUMENT", `${where}.role must be a string, got ${describe(role)}`);
    if (content !== undefined && content !== null && typeof content !== "string" && !Array.isArray(content)) {
      throw new BytepairError("INVALID_ARGUMENT", `${where}.content must be a string, a list of parts or null, got ${describe(content)}`);
    }
  });
  return messages as readonly ChatTemplateMessage[];
}

function checkObjects(list: unknown, name: string): readonly Record<string, unknown>[] | undefined {
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) throw new BytepairError("INVALID_ARGUMENT", `Chat template: expected ${name} to be an array of objects, got ${describe(list)}`);
  list.forEach((item: unknown, i) => {
    if (item === null || typeof item !== "object") throw new BytepairError("INVALID_ARGUMENT", `Chat template: ${name}[${i}] must be an object, got ${describe(item)}`);
  });
  return list;
}

function checkBoolean(value: unknown, name: string): boolean | undefined {
  if (value !== undefined && typeof value !== "boolean") throw new BytepairError("INVALID_ARGUMENT", `Chat template: expected ${name} to be true or false, got ${describe(value)}`);
  return value;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

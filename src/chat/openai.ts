// The ids of a chat for OpenAI's chat models, in the ChatML formats gpt-tokenizer documents:
//   gpt-3.5-turbo:       <|im_start|>ROLE\nCONTENT<|im_end|>\n ... <|im_start|>assistant\n
//   gpt-4, gpt-4o, ...:  <|im_start|>ROLE<|im_sep|>CONTENT<|im_end|> ... <|im_start|>assistant<|im_sep|>
// ROLE is the message's name, else its role (default "system"). The ChatML tokens are not in the
// encodings' special tokens (tiktoken does not define them): their ids are gpt-tokenizer's.

import { BytepairError, describeValue, quote } from "../errors.js";
import { encodingForModel } from "../api.js";
import { encodingNameForModel } from "../encodings/models.js";
import type { EncodingName } from "../encodings/registry.js";
import type { EncodeOptions } from "../tokenizer/options.js";
import type { EngineKind } from "../engine/contract.js";

export interface ChatMessage {
  /** "system", "user", "assistant", ... Default "system". */
  role?: string;
  /** Written in place of the role when given. */
  name?: string;
  content: string;
}

export interface EncodeChatOptions extends Pick<EncodeOptions, "allowedSpecial" | "disallowedSpecial"> {
  /** An OpenAI chat model: gpt-3.5-turbo*, gpt-4*, gpt-4o*, gpt-4.1*, gpt-4.5*, gpt-5*, o1*, o3*, o4-mini*, chatgpt-4o-*. */
  model: string;
  /** The role the chat ends by opening for the reply; "" opens none. Default "assistant". */
  primeWithAssistantResponse?: string;
  engine?: EngineKind;
}

interface ChatTokens {
  start: number;
  end: number;
  sep: number;
}

/** gpt-tokenizer's ids of <|im_start|>, <|im_end|>, <|im_sep|> in each encoding that has a chat format. */
const CHAT_TOKENS: Partial<Record<EncodingName, ChatTokens>> = {
  cl100k_base: { start: 100264, end: 100265, sep: 100266 },
  o200k_base: { start: 200003, end: 200004, sep: 200005 },
};
const CHATML_TEXT = ["<|im_start|>", "<|im_end|>", "<|im_sep|>"];

/** The token ids of `messages` as `model` reads them, primed for the assistant's reply. */
export async function encodeChat(messages: Iterable<ChatMessage>, options: EncodeChatOptions): Promise<Uint32Array> {
  if (options === null || typeof options !== "object") throw new BytepairError("INVALID_ARGUMENT", `encodeChat needs options { model }, got ${describeValue(options)}`);
  const { model, primeWithAssistantResponse = "assistant", engine, ...encodeOptions } = options;
  if (typeof model !== "string") throw new BytepairError("INVALID_ARGUMENT", `encodeChat: expected options.model to be a string, got ${describeValue(model)}`);
  if (typeof primeWithAssistantResponse !== "string") {
    throw new BytepairError("INVALID_ARGUMENT", `encodeChat: expected primeWithAssistantResponse to be a string, got ${describeValue(primeWithAssistantResponse)}`);
  }
  const encoding = encodingNameForModel(model);
  if (!encoding) throw new BytepairError("UNKNOWN_MODEL", `encodeChat: no known encoding for model ${quote(model)}`);
  const chat = CHAT_TOKENS[encoding];
  if (!chat || !/^(?:gpt-3\.5|gpt-35|gpt-4|gpt-5|o1|o3|o4|chatgpt-)/.test(model.replace(/^ft:/, ""))) {
    throw new BytepairError("INVALID_ARGUMENT", `encodeChat: model ${quote(model)} (${encoding}) has no ChatML chat format (gpt-3.5-turbo, gpt-4, gpt-4o and their families have)`);
  }
  const list = checkMessages(messages);
  const tokenizer = await encodingForModel(model, engine === undefined ? undefined : { engine });
  const gpt35 = /^(?:ft:)?gpt-3(?:\.)?5/.test(model);
  const separator = gpt35 ? Array.from(tokenizer.encode("\n")) : [chat.sep];
  const afterMessage = gpt35 ? separator : [];
  const ids: number[] = [];
  const push = (part: ArrayLike<number>) => {
    for (let i = 0; i < part.length; i++) ids.push(part[i]);
  };
  for (const message of list) {
    ids.push(chat.start);
    push(tokenizer.encode(message.name ?? message.role ?? "system"));
    push(separator);
    push(tokenizer.encode(message.content, encodeOptions));
    ids.push(chat.end);
    push(afterMessage);
  }
  if (primeWithAssistantResponse !== "") {
    ids.push(chat.start);
    push(tokenizer.encode(primeWithAssistantResponse, encodeOptions));
  }
  push(separator);
  return Uint32Array.from(ids);
}

/** Every message an object with string content (and string role and name, if given), with no ChatML token in it. */
function checkMessages(messages: Iterable<ChatMessage>): ChatMessage[] {
  if (messages === null || typeof messages !== "object" || typeof (messages as Iterable<ChatMessage>)[Symbol.iterator] !== "function") {
    throw new BytepairError("INVALID_ARGUMENT", `encodeChat: expected messages to be an array of { role, content }, got ${describeValue(messages)}`);
  }
  const list = Array.from(messages);
  list.forEach((message, index) => {
    const where = `encodeChat: messages[${index}]`;
    if (message === null || typeof message !== "object") throw new BytepairError("INVALID_ARGUMENT", `${where} is ${describeValue(message)}, not { role, content }`);
    if (typeof message.content !== "string") throw new BytepairError("INVALID_ARGUMENT", `${where}.content must be a string, got ${describeValue(message.content)}`);
    for (const field of ["role", "name"] as const) {
      const value = message[field];
      if (value !== undefined && typeof value !== "string") throw new BytepairError("INVALID_ARGUMENT", `${where}.${field} must be a string, got ${describeValue(value)}`);
    }
    // A message must not open or close another: the ChatML tokens are never ordinary text here.
    for (const field of ["content", "role", "name"] as const) {
      const text = message[field];
      const token = text === undefined ? undefined : CHATML_TEXT.find((t) => text.includes(t));
      if (token !== undefined) {
        throw new BytepairError("DISALLOWED_SPECIAL_TOKEN", `${where}.${field} contains the chat token ${quote(token)} at offset ${text!.indexOf(token)}`, {
          token,
          offset: text!.indexOf(token),
        });
      }
    }
  });
  return list;
}

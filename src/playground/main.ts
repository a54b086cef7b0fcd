// The playground page: two tokenizers side by side on the same text, tokens as coloured spans that
// tell their id, bytes and offsets; below them the "Learn BPE" section (learn.ts).
// The library runs in the page; its .wasm and vocabularies load from beside this bundle.

import { encodingNames, type EncodingName } from "../encodings/registry.js";
import * as lecture from "../lecture/index.js";
import { clearTokenInfo, offsetTokenSpans, showTokenInfo } from "./token-spans.js";
import { offsetsOfByteLengths } from "./token-offsets.js";
import { SAMPLE_TEXT, TRAINING_TEXT } from "./samples.js";
import { setUpLearning } from "./learn.js";

const LECTURE = ["characters", "bytes", "words", "trained bpe"] as const;
const CHOICES: string[] = [...encodingNames, ...LECTURE];
const SHOWN_TOKENS = 5000; // spans beyond this are left out, the counts still cover the whole text

const $ = <T extends HTMLElement>(selector: string, root: ParentNode = document) => root.querySelector(selector) as T;
const textArea = $<HTMLTextAreaElement>("#text");
const trainingArea = $<HTMLTextAreaElement>("#training-text");
const trainVocab = $<HTMLInputElement>("#train-vocab");
const status = $<HTMLElement>("#status");

const characters = new lecture.CharacterTokenizer();
const bytes = new lecture.ByteTokenizer();
const trained = new Map<string, Promise<lecture.LectureTokenizer>>();

function tokenizerFor(choice: string): Promise<lecture.LectureTokenizer> {
  if (choice === "characters") return Promise.resolve(characters);
  if (choice === "bytes") return Promise.resolve(bytes);
  const training = trainingArea.value;
  if (choice === "words") return cached(`words\0${training}`, async () => lecture.WordTokenizer.train(training));
  if (choice === "trained bpe") {
    const size = Math.max(256, Math.min(5000, Math.floor(Number(trainVocab.value)) || 256));
    return cached(`bpe\0${size}\0${training}`, () => lecture.trainBpe(training, { vocabSize: size }));
  }
  return lecture.bpe(choice as EncodingName);
}

function cached(key: string, make: () => Promise<lecture.LectureTokenizer>): Promise<lecture.LectureTokenizer> {
  let t = trained.get(key);
  if (!t) trained.set(key, (t = make()));
  return t;
}

class Pane {
  readonly select: HTMLSelectElement;
  private readonly stats: HTMLElement;
  private readonly tokens: HTMLElement;
  private readonly ids: HTMLElement;
  private readonly info: HTMLElement;
  private generation = 0;

  constructor(readonly root: HTMLElement, choice: string) {
    root.innerHTML = `<select aria-label="tokenizer"></select>
      <div class="stats"></div><div class="tokens"></div><p class="token-info" aria-live="polite"></p><div class="ids"></div>`;
    this.select = $("select", root);
    for (const c of CHOICES) this.select.append(new Option(c, c, c === choice, c === choice));
    this.stats = $(".stats", root);
    this.tokens = $(".tokens", root);
    this.ids = $(".ids", root);
    this.info = $(".token-info", root);
    showTokenInfo(this.tokens, this.info);
    this.select.addEventListener("change", () => void this.render());
  }

  async render(): Promise<void> {
    const generation = ++this.generation;
    const text = textArea.value;
    this.root.dataset.state = "busy";
    this.root.dataset.tokenizer = this.select.value;
    this.root.dataset.input = String(text.length); // with state "done": what the shown tokens are of (tests wait on it)
    try {
      const tokenizer = await tokenizerFor(this.select.value);
      const ids = Array.from(tokenizer.encode(text));
      if (generation !== this.generation) return; // a newer render started meanwhile
      this.show(tokenizer, text, ids);
    } catch (e) {
      if (generation !== this.generation) return;
      this.stats.innerHTML = "";
      this.tokens.replaceChildren(Object.assign(document.createElement("p"), { className: "error", textContent: String(e) }));
      this.ids.textContent = "";
    }
    this.root.dataset.state = "done";
  }

  private show(tokenizer: lecture.LectureTokenizer, text: string, ids: number[]): void {
    const utf8 = lecture.utf8Length(text);
    const stat = (value: string, label: string, name: string) => `<div data-stat="${name}"><b>${value}</b><span>${label}</span></div>`;
    this.stats.innerHTML =
      stat(ids.length.toLocaleString("en-US"), "tokens", "count") +
      stat(ids.length ? (utf8 / ids.length).toFixed(2) : "–", "bytes per token", "ratio") +
      stat(utf8.toLocaleString("en-US"), "bytes", "bytes") +
      stat(tokenizer.vocabSize.toLocaleString("en-US"), "vocabulary", "vocab");
    this.root.dataset.count = String(ids.length);

    const words = tokenizer instanceof lecture.WordTokenizer;
    const lengths = words ? lecture.splitWords(text).map(lecture.utf8Length) : ids.map((id) => tokenizer.tokenBytes(id).length);
    const offsets = offsetsOfByteLengths(text, lengths);
    const spans = offsetTokenSpans({ ids, offsets }, text.length, (id) => tokenizer.tokenBytes(id), SHOWN_TOKENS);
    for (const span of spans) {
      if (!span.classList.contains("tok")) continue;
      const id = Number(span.dataset.id);
      span.title = `id ${id} · bytes ${span.dataset.bytes}`;
      if (words && id === tokenizer.unkId) span.classList.add("unk");
    }
    this.tokens.replaceChildren(...spans);
    clearTokenInfo(this.info);
    this.ids.textContent = `[${ids.slice(0, SHOWN_TOKENS).join(", ")}${ids.length > SHOWN_TOKENS ? ", …" : ""}]`;
  }
}

const panes = [new Pane($("#pane-a"), "o200k_base"), new Pane($("#pane-b"), "gpt2")];
textArea.value = SAMPLE_TEXT;
trainingArea.value = TRAINING_TEXT;
setUpLearning($("#learn"), TRAINING_TEXT);

async function renderAll(): Promise<void> {
  await Promise.all(panes.map((p) => p.render()));
}

let pending: ReturnType<typeof setTimeout> | undefined;
function renderSoon(): void {
  clearTimeout(pending);
  pending = setTimeout(() => void renderAll(), 80);
}
textArea.addEventListener("input", renderSoon);
trainingArea.addEventListener("input", renderSoon);
trainVocab.addEventListener("change", renderSoon);

renderAll().then(
  () => {
    status.textContent = "Ready: everything runs in this page (WebAssembly), nothing leaves it.";
    document.body.dataset.ready = "true";
  },
  (e) => (status.textContent = `Failed to load: ${e}`),
);

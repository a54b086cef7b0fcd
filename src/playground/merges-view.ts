// Stepping through the trained merges: first / prev / next / last and a slider; for merge k its pair,
// the new token and the pair's count, and the training text tokenized with the first k merges.

import { utf8Length } from "../lecture/index.js";
import { hexBytes, tokenLabel } from "./tokens.js";
import { clearTokenInfo, offsetTokenSpans, showTokenInfo } from "./token-spans.js";
import type { MergeSteps } from "./steps.js";
import type { Tokenizer } from "../tokenizer/tokenizer.js";

const SHOWN_TOKENS = 5000;

const TEMPLATE = `
  <div class="step-controls">
    <button type="button" data-go="first">« first</button>
    <button type="button" data-go="prev">‹ prev</button>
    <input type="range" id="step-slider" min="1" max="1" value="1" aria-label="merge number">
    <button type="button" data-go="next">next ›</button>
    <button type="button" data-go="last">last »</button>
    <output id="step-label"></output>
  </div>
  <p class="merge-info">Merge <b id="merge-k"></b>: <span class="tok c0" id="merge-left"></span> +
    <span class="tok c1" id="merge-right"></span> → <span class="tok c2" id="merge-token"></span>,
    id <b id="merge-id"></b>. The pair occurs <b id="merge-count"></b> times in the text tokenized with the merges before it.</p>
  <div class="stats"><div data-stat="count"><b></b><span>tokens</span></div><div data-stat="ratio"><b></b><span>bytes per token</span></div>
    <div data-stat="vocab"><b></b><span>vocabulary</span></div></div>
  <div class="tokens" id="step-tokens"></div>
  <p class="token-info" id="token-info" aria-live="polite"></p>`;

export class MergesView {
  private steps?: MergeSteps;
  private current = 0;
  private generation = 0;
  private readonly slider: HTMLInputElement;
  private readonly field = (id: string) => this.root.querySelector<HTMLElement>(`#${id}`)!;

  /** `onStep` hears of each step shown (the chart marks it). */
  constructor(private readonly root: HTMLElement, private readonly onStep: (k: number) => void) {
    root.innerHTML = TEMPLATE;
    this.slider = this.field("step-slider") as HTMLInputElement;
    this.slider.addEventListener("input", () => this.go(Number(this.slider.value)));
    root.querySelector(".step-controls")!.addEventListener("click", (e) => {
      const go = (e.target as HTMLElement).closest<HTMLElement>("[data-go]")?.dataset.go;
      const last = this.steps?.count ?? 0;
      const to = { first: 1, prev: this.current - 1, next: this.current + 1, last }[go ?? ""];
      if (to !== undefined) this.go(to);
    });
    showTokenInfo(this.field("step-tokens"), this.field("token-info"));
  }

  show(steps: MergeSteps): void {
    this.steps = steps;
    this.root.hidden = false;
    this.slider.max = String(Math.max(1, steps.count));
    this.slider.disabled = steps.count === 0;
    this.go(steps.count === 0 ? 0 : 1);
  }

  hide(): void {
    this.steps = undefined;
    this.generation++;
    this.root.hidden = true;
  }

  /** Shows step k (clamped to the merges there are). */
  go(k: number): void {
    const steps = this.steps;
    if (!steps) return;
    k = Math.max(steps.count === 0 ? 0 : 1, Math.min(steps.count, Math.floor(k)));
    this.current = k;
    this.slider.value = String(k);
    void this.render(steps, k);
  }

  private async render(steps: MergeSteps, k: number): Promise<void> {
    const generation = ++this.generation;
    this.root.dataset.state = "busy";
    try {
      const tokenizer = await steps.tokenizerAt(k);
      const count = k > 0 ? await steps.pairCount(k) : 0;
      if (generation === this.generation) this.fill(steps, k, tokenizer, count); // else a later step is on its way
    } catch (e) {
      if (generation !== this.generation) return;
      this.field("token-info").textContent = `Cannot show merge ${k}: ${String(e)}`;
      this.root.dataset.state = "error";
    }
  }

  private fill(steps: MergeSteps, k: number, tokenizer: Tokenizer, count: number): void {
    const tokens = tokenizer.encodeWithOffsets(steps.text);

    this.field("step-label").textContent = `merge ${k} of ${steps.count}`;
    this.root.querySelector<HTMLElement>(".merge-info")!.hidden = k === 0;
    if (k > 0) {
      const merge = steps.step(k);
      const put = (id: string, bytes: Uint8Array) => {
        const span = this.field(id);
        span.textContent = tokenLabel(bytes).text.replaceAll("\n", "↵");
        span.dataset.bytes = hexBytes(bytes);
        span.title = `bytes ${hexBytes(bytes)}`;
      };
      put("merge-left", merge.left);
      put("merge-right", merge.right);
      put("merge-token", merge.token);
      this.field("merge-k").textContent = String(k);
      this.field("merge-id").textContent = String(merge.id);
      this.field("merge-count").textContent = count.toLocaleString("en-US");
      this.field("merge-count").dataset.count = String(count);
    }
    const stat = (name: string, value: string) => (this.root.querySelector(`[data-stat=${name}] b`)!.textContent = value);
    stat("count", tokens.ids.length.toLocaleString("en-US"));
    stat("ratio", tokens.ids.length ? (utf8Length(steps.text) / tokens.ids.length).toFixed(2) : "–");
    stat("vocab", (256 + k).toLocaleString("en-US"));
    clearTokenInfo(this.field("token-info"));
    this.field("step-tokens").replaceChildren(...offsetTokenSpans(tokens, steps.text.length, (id) => tokenizer.tokenToBytes(id), SHOWN_TOKENS));
    this.root.dataset.step = String(k);
    this.root.dataset.state = "done";
    this.onStep(k);
  }
}

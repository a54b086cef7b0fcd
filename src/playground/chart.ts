// The compression chart as inline SVG (no chart library): bytes per token against vocabulary size, the
// vocabulary on a log scale (it runs from 256 bytes to 1,114,112 code points). The trained tokenizer is a
// line through its sizes, the named encodings and the lecture's tokenizers are labelled points.

export interface ChartPoint {
  name: string;
  kind: "trained" | "encoding" | "lecture";
  vocabSize: number;
  /** UTF-8 bytes per token on the text. */
  ratio: number;
}

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 760;
const HEIGHT = 340;
const PAD = { left: 56, right: 110, top: 16, bottom: 44 };

function el<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

const short = (n: number) => (n >= 1 << 20 ? `${n / (1 << 20)}M` : n >= 1024 ? `${n / 1024}K` : String(n));

/** The chart of `points`, with a dashed line at `marker` (a vocabulary size) if given. */
export function compressionChart(points: ChartPoint[], marker?: number): SVGSVGElement {
  const logs = points.map((p) => Math.log2(p.vocabSize));
  const xMin = Math.floor(Math.min(8, ...logs)) - 0.5;
  const xMax = Math.ceil(Math.max(8, ...logs)) + 0.5;
  const yMax = Math.ceil(Math.max(1, ...points.map((p) => p.ratio)) * 1.1);
  const x = (vocab: number) => PAD.left + ((Math.log2(vocab) - xMin) / (xMax - xMin)) * (WIDTH - PAD.left - PAD.right);
  const y = (ratio: number) => HEIGHT - PAD.bottom - (ratio / yMax) * (HEIGHT - PAD.top - PAD.bottom);

  const svg = el("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-labelledby": "chart-title", class: "chart" });
  svg.append(el("title", { id: "chart-title" }, "Compression (bytes per token) against vocabulary size, on the training text"));
  const axes = el("g", { class: "axes" });
  for (let e = Math.ceil(xMin); e <= xMax; e += 2) {
    axes.append(el("line", { x1: x(2 ** e), x2: x(2 ** e), y1: PAD.top, y2: HEIGHT - PAD.bottom, class: "grid" }));
    axes.append(el("text", { x: x(2 ** e), y: HEIGHT - PAD.bottom + 16, "text-anchor": "middle" }, short(2 ** e)));
  }
  const yStep = yMax > 8 ? 2 : 1;
  for (let r = 0; r <= yMax; r += yStep) {
    axes.append(el("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(r), y2: y(r), class: "grid" }));
    axes.append(el("text", { x: PAD.left - 6, y: y(r) + 4, "text-anchor": "end" }, String(r)));
  }
  axes.append(el("text", { x: (PAD.left + WIDTH - PAD.right) / 2, y: HEIGHT - 8, "text-anchor": "middle" }, "vocabulary size (log scale)"));
  axes.append(el("text", { x: 14, y: (PAD.top + HEIGHT - PAD.bottom) / 2, "text-anchor": "middle", transform: `rotate(-90 14 ${(PAD.top + HEIGHT - PAD.bottom) / 2})` }, "bytes per token"));
  svg.append(axes);

  if (marker !== undefined) svg.append(el("line", { x1: x(marker), x2: x(marker), y1: PAD.top, y2: HEIGHT - PAD.bottom, class: "marker" }));

  const trained = points.filter((p) => p.kind === "trained").sort((a, b) => a.vocabSize - b.vocabSize);
  if (trained.length > 1) svg.append(el("polyline", { points: trained.map((p) => `${x(p.vocabSize)},${y(p.ratio)}`).join(" "), class: "trained-line" }));

  const labels: Array<{ x: number; y: number; width: number }> = [];
  for (const p of points) {
    const dot = el("circle", { cx: x(p.vocabSize), cy: y(p.ratio), r: p.kind === "trained" ? 3.5 : 5, class: `point ${p.kind}` });
    Object.assign(dot.dataset, { name: p.name, kind: p.kind, vocab: String(p.vocabSize), ratio: String(p.ratio) });
    dot.append(el("title", {}, `${p.name}: ${p.ratio.toFixed(3)} bytes per token, vocabulary ${p.vocabSize.toLocaleString("en-US")}`));
    svg.append(dot);
    if (p.kind === "trained") continue;
    // Labels to the right of their point; one that would overlap a label already there moves up or
    // down by a line, the nearest free place first.
    const at = { x: x(p.vocabSize) + 8, y: y(p.ratio) + 4, width: p.name.length * 6.5 };
    const base = at.y;
    const taken = () => labels.some((l) => at.x < l.x + l.width && l.x < at.x + at.width && Math.abs(l.y - at.y) < 13);
    for (let i = 1; taken() && i < 40; i++) at.y = base + (i % 2 ? -1 : 1) * 13 * Math.ceil(i / 2);
    labels.push(at);
    svg.append(el("text", { x: at.x, y: at.y, class: `label ${p.kind}` }, p.name));
  }
  const last = trained.at(-1);
  if (last) svg.append(el("text", { x: x(last.vocabSize) + 8, y: y(last.ratio) - 8, class: "label trained" }, "trained"));
  return svg;
}

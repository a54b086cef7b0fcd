// The "Learn BPE" section: train on pasted or dropped text in a worker with a progress bar, then step
// through the merges and see compression against vocabulary size. Errors are shown in the section.

import { BytepairError } from "../errors.js";
import { utf8Length } from "../lecture/index.js";
import { TrainingWorker, TrainingReplaced, type ProgressReport } from "./training.js";
import { MergeSteps } from "./steps.js";
import { MergesView } from "./merges-view.js";
import { compressionChart, type ChartPoint } from "./chart.js";
import { compressionPoints } from "./compression.js";

const COUNT_SHARE = 0.1; // of the progress bar, for counting pre-tokens; merging fills the rest

export function setUpLearning(section: HTMLElement, initialText: string): void {
  const $ = <T extends HTMLElement>(selector: string) => section.querySelector(selector) as T;
  const textArea = $<HTMLTextAreaElement>("#learn-text");
  const vocabInput = $<HTMLInputElement>("#learn-vocab");
  const progress = $<HTMLProgressElement>("#learn-progress");
  const status = $<HTMLElement>("#learn-status");
  const error = $<HTMLElement>("#learn-error");
  const chart = $<HTMLElement>("#chart");
  const chartBox = $<HTMLElement>("#chart-svg");
  const worker = new TrainingWorker();
  let current: MergeSteps | undefined;
  let points: ChartPoint[] | undefined;
  let step = 0;

  const drawChart = () => points && chartBox.replaceChildren(compressionChart(points, 256 + step));
  const view = new MergesView($("#merges"), (k) => {
    step = k;
    drawChart();
  });
  textArea.value = initialText;

  const showError = (e: unknown) => {
    error.hidden = false;
    error.dataset.code = e instanceof BytepairError ? e.code : "";
    error.textContent = e instanceof BytepairError ? `${e.code}: ${e.message}` : String(e);
    section.dataset.state = "error";
  };

  const onProgress = (bytes: number) => (p: ProgressReport) => {
    progress.value = p.phase === "count" ? COUNT_SHARE * (p.bytes / Math.max(1, bytes)) : COUNT_SHARE + (1 - COUNT_SHARE) * (p.merges / Math.max(1, p.targetMerges));
    status.textContent = p.phase === "count" ? `counting pre-tokens: ${p.bytes.toLocaleString("en-US")} bytes` : `merging: ${p.merges} of ${p.targetMerges}`;
  };

  async function run(): Promise<void> {
    const text = textArea.value;
    const vocabSize = vocabInput.value.trim() === "" ? Number.NaN : Number(vocabInput.value);
    section.dataset.state = "training";
    error.hidden = true;
    progress.value = 0;
    status.textContent = "starting…";
    current = undefined;
    points = undefined;
    view.hide();
    chart.hidden = true;
    let merges;
    try {
      merges = await worker.train(text, vocabSize, onProgress(utf8Length(text)));
    } catch (e) {
      if (e instanceof TrainingReplaced) return;
      status.textContent = "";
      return showError(e);
    }
    const steps = (current = new MergeSteps(text, merges));
    progress.value = 1;
    const fewer = merges.length < vocabSize - 256 ? ` (the text has no pair left for the ${vocabSize - 256} asked)` : "";
    status.textContent = `${merges.length} merges learned${fewer}`;
    section.dataset.merges = String(merges.length);
    section.dataset.state = "trained";
    view.show(steps);

    chart.hidden = false;
    chart.dataset.state = "busy";
    chartBox.replaceChildren(Object.assign(document.createElement("p"), { textContent: "measuring…" }));
    try {
      const measured = await compressionPoints(steps, () => current === steps);
      if (!measured || current !== steps) return;
      points = measured;
      drawChart();
      chart.dataset.state = "done";
    } catch (e) {
      if (current === steps) showError(e);
    }
  }

  $("#learn-train").addEventListener("click", () => void run());

  const load = async (file: File) => {
    textArea.value = await file.text();
    status.textContent = `${file.name}: ${file.size.toLocaleString("en-US")} bytes loaded; press Train`;
  };
  textArea.addEventListener("dragover", (e) => {
    if (e.dataTransfer?.types.includes("Files")) e.preventDefault();
  });
  textArea.addEventListener("drop", (e) => {
    const file = e.dataTransfer?.files[0];
    if (!file) return; // dropped text: the text area takes it itself
    e.preventDefault();
    load(file).catch(showError);
  });
  $<HTMLInputElement>("#learn-file").addEventListener("change", (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) load(file).catch(showError);
  });
}

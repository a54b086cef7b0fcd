// `bytepair playground`: the server's files and types, then the page in Debian's chromium (driven by
// playwright-core), its tokens and counts checked against the library in Node.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getEncoding, lecture, train, Tokenizer, type TrainResult } from "bytepair";
import { applyMerge, byteWords, hex, mostFrequentBytePair, pairCount } from "./plain-bpe.js";
import type { BrowserContext, Page } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
const cli = fileURLToPath(new URL("../../build/cli.js", import.meta.url));
const build = new URL("../../build/", import.meta.url);
// Screenshots, kept by CI as artifacts (docs/testing.md).
const ARTIFACTS = fileURLToPath(new URL("../../artifacts/playground/", import.meta.url));

let server: ChildProcess;
let base: string;

beforeAll(async () => {
  server = spawn(process.execPath, [cli, "playground", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  base = await new Promise<string>((resolve, reject) => {
    let out = "";
    server.stdout!.on("data", (chunk) => {
      out += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (url) resolve(url[0]);
    });
    server.once("exit", (code) => reject(new Error(`playground exited with ${code}: ${out}`)));
  });
});

afterAll(() => {
  server?.kill();
});

test("the server hands out the page, the engine as application/wasm and the vocabularies, nothing else", async () => {
  const get = async (path: string) => {
    const response = await fetch(base + path);
    return { status: response.status, type: response.headers.get("content-type"), body: new Uint8Array(await response.arrayBuffer()) };
  };
  expect(await get("")).toMatchObject({ status: 200, type: "text/html; charset=utf-8" });
  expect((await get("app.js")).type).toBe("text/javascript; charset=utf-8");
  const wasm = await get("bytepair.wasm");
  expect(wasm).toMatchObject({ status: 200, type: "application/wasm" });
  // Buffer.equals, not toEqual: a deep comparison of a large file takes seconds, and an idle
  // keep-alive connection may close meanwhile under the next request.
  const same = (body: Uint8Array, file: string) => Buffer.from(body).equals(readFileSync(new URL(file, build)));
  expect(same(wasm.body, "bytepair.wasm")).toBe(true);
  expect((await get("vocab/gpt2.bpv")).status).toBe(404); // gpt2 shares r50k_base's file
  expect(same((await get("vocab/r50k_base.bpv")).body, "vocab/r50k_base.bpv")).toBe(true);
  for (const path of ["../package.json", "%2e%2e/package.json", "..%2fpackage.json", "cli.js", "corpus/manifest.json", "index.js", "vocab/../cli.js"]) {
    expect((await get(path)).status, path).toBe(404);
  }
  // Nothing the page loads comes from elsewhere: no absolute URLs in it.
  const text = async (path: string) => new TextDecoder().decode((await get(path)).body);
  const page = (await text("")) + (await text("app.js")) + (await text("train-worker.js"));
  expect(page).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
  expect(await text("style.css")).not.toMatch(/@import|@font-face|url\(/); // no web fonts, nothing fetched by the styles
});

const missing = !existsSync(CHROMIUM);
if (missing) console.warn(`test/runtimes/playground.test.ts: ${CHROMIUM} is missing (apt-get install chromium): the browser tests are skipped`);

describe.skipIf(missing)(`in chromium (${CHROMIUM})`, () => {
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const errors: string[] = [];
  const requests: string[] = [];
  const workers: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    profile = mkdtempSync(join(tmpdir(), "bytepair-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"],
    });
    page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
    // The context sees every request, the training worker's included.
    context.on("request", (r) => {
      requests.push(r.url());
      if (!r.url().startsWith(base) && !r.url().startsWith("data:")) errors.push(`request outside the server: ${r.url()}`);
    });
    page.on("worker", (w) => workers.push(w.url()));
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.goto(base);
    await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const TEXT = "Playgrounds show tokens:\nnaïve café, 日本語 👋🏽 Ελληνικά\tand code = 42; zyzzyva quokkas";

  /** Chooses `choice` in a pane and waits until the pane shows tokens of the current text with it. */
  async function choose(pane: "#pane-a" | "#pane-b", choice: string) {
    await page.selectOption(`${pane} select`, choice);
    await page.waitForFunction(
      ([pane, choice, length]) => {
        const el = document.querySelector<HTMLElement>(pane)!;
        return el.dataset.state === "done" && el.dataset.tokenizer === choice && el.dataset.input === String(length);
      },
      [pane, choice, TEXT.length] as const,
      { timeout: 60_000 },
    );
    return page.$eval(pane, (el) => ({
      count: el.querySelector("[data-stat=count] b")!.textContent,
      ratio: el.querySelector("[data-stat=ratio] b")!.textContent,
      vocab: el.querySelector("[data-stat=vocab] b")!.textContent,
      spans: Array.from(el.querySelectorAll<HTMLElement>(".tok"), (s) => ({
        id: Number(s.dataset.id),
        text: s.textContent,
        title: s.title,
        partial: s.classList.contains("partial"),
        unk: s.classList.contains("unk"),
      })),
    }));
  }

  /** What a span should show for a token's bytes, worked out here: the text, or the hex bytes when not whole characters. */
  function expectedLabel(bytes: Uint8Array): { text: string; partial: boolean } {
    try {
      return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes).replaceAll("\n", "↵\n"), partial: false };
    } catch {
      return { text: `‹${Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ")}›`, partial: true };
    }
  }

  const bytes = new TextEncoder().encode(TEXT).length;
  const thousands = (n: number) => n.toLocaleString("en-US");

  test("typed text, switched encodings: the count, ratio and every span's id are the library's", async () => {
    await page.fill("#text", TEXT.slice(0, -3));
    await page.locator("#text").press("End");
    await page.locator("#text").pressSequentially(TEXT.slice(-3)); // real keystrokes for the end

    for (const [pane, name] of [["#pane-a", "gpt2"], ["#pane-b", "cl100k_base"], ["#pane-a", "o200k_base"]] as const) {
      const shown = await choose(pane, name);
      const enc = await getEncoding(name);
      const ids = Array.from(enc.encode(TEXT));
      expect(shown.count).toBe(thousands(ids.length));
      expect(shown.ratio).toBe((bytes / ids.length).toFixed(2));
      expect(shown.vocab).toBe(thousands(enc.vocabSize));
      expect(shown.spans.map((s) => s.id)).toEqual(ids);
      for (const [i, span] of shown.spans.entries()) {
        const tokenBytes = enc.tokenToBytes(ids[i]);
        expect({ text: span.text, partial: span.partial }, `${name} token ${i}`).toEqual(expectedLabel(tokenBytes));
        expect(span.title).toContain(`id ${ids[i]}`);
      }
      if (name === "gpt2") expect(shown.spans.some((s) => s.partial)).toBe(true); // 日本語 and 👋🏽 are cut inside characters
      const { offsets } = enc.encodeWithOffsets(TEXT);
      const inside = offsets.findIndex((o, i) => i > 0 && o === offsets[i - 1]); // a token that starts inside a character
      for (const i of [0, 3, inside > 0 ? inside : 1, ids.length - 1]) {
        expect(await hoverInfo(pane, i), `${name} token ${i}`).toEqual({ id: ids[i], start: offsets[i], end: i + 1 < ids.length ? offsets[i + 1] : TEXT.length });
      }
    }
  });

  /** Hovers token `i` of a pane; what the pane's token line then says (id and offsets). */
  async function hoverInfo(pane: string, i: number) {
    await page.hover(`${pane} .tok >> nth=${i}`);
    const { id, start, end, text } = await page.$eval(`${pane} .token-info`, (el) => {
      const { id, start, end } = (el as HTMLElement).dataset;
      return { id, start, end, text: el.textContent ?? "" };
    });
    expect(text).toContain(`token id ${id} · bytes `);
    expect(text).toContain(`offsets ${start}–${end} in the text`);
    return { id: Number(id), start: Number(start), end: Number(end) };
  }

  test("characters, bytes and words in the page", async () => {
    const characters = await choose("#pane-b", "characters");
    expect(characters.spans.map((s) => s.id)).toEqual(Array.from(TEXT, (c) => c.codePointAt(0)));
    expect(characters.vocab).toBe(thousands(0x110000));

    const byteView = await choose("#pane-b", "bytes");
    expect(byteView.spans.map((s) => s.id)).toEqual(Array.from(Buffer.from(TEXT, "utf8")));
    expect(byteView.ratio).toBe("1.00");
    expect(byteView.spans.filter((s) => s.partial).length).toBe(Array.from(Buffer.from(TEXT, "utf8")).filter((b) => b >= 0x80).length);
    // The bytes of 👋 (4, one surrogate pair) all point at its first unit.
    const wave = Buffer.byteLength(TEXT.slice(0, TEXT.indexOf("👋")));
    for (const i of [wave, wave + 3]) expect(await hoverInfo("#pane-b", i)).toMatchObject({ start: TEXT.indexOf("👋"), end: i === wave + 3 ? TEXT.indexOf("👋") + 2 : TEXT.indexOf("👋") });

    const training = await page.inputValue("#training-text");
    const words = await choose("#pane-b", "words");
    const vocabulary = new Set(training.match(lecture.GPT2_WORDS));
    const expected = TEXT.match(lecture.GPT2_WORDS)!;
    expect(words.count).toBe(thousands(expected.length));
    expect(words.vocab).toBe(thousands(vocabulary.size + 1));
    expect(words.spans.map((s) => s.unk)).toEqual(expected.map((w) => !vocabulary.has(w))); // " zyzzyva" is not in the training text
    expect(words.spans.some((s) => s.unk)).toBe(true);
    expect(words.spans.filter((s) => !s.unk).map((s) => s.text)).toEqual(expected.filter((w) => vocabulary.has(w)).map((w) => w.replaceAll("\n", "↵\n")));
    // An unknown word's <unk> covers that word in the text.
    const unknown = expected.findIndex((w) => !vocabulary.has(w));
    const at = expected.slice(0, unknown).join("").length;
    expect(await hoverInfo("#pane-b", unknown)).toEqual({ id: 0, start: at, end: at + expected[unknown].length });

    const trained = await choose("#pane-b", "trained bpe");
    const reference = await lecture.trainBpe(training, { vocabSize: Number(await page.inputValue("#train-vocab")) });
    expect(trained.spans.map((s) => s.id)).toEqual(Array.from(reference.encode(TEXT)));

    await choose("#pane-b", "gpt2");
    await page.screenshot({ path: fileURLToPath(new URL("playground.png", build)), fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, "compare.png"), fullPage: true });
    expect(errors).toEqual([]);
  });

  describe("Learn BPE", () => {
    // Repeated words make clear winners for the first merges; the rest is there to be cut into pieces.
    const LEARN_TEXT = Array.from({ length: 12 }, (_, i) =>
      `the thin thesis then ${i}: these brothers gather ${"abc".repeat(i % 4)}, naïve café 日本語 👋🏽 Ελληνικά\n`).join("");
    const VOCAB = 256 + 60;
    const utf8 = new TextEncoder().encode(LEARN_TEXT).length;
    let trained: TrainResult;

    /** The tokenizer of train()'s first k merges, in Node. */
    const firstMerges = (k: number) =>
      Tokenizer.fromBpe({ vocab: new Map([...trained.vocab].filter(([id]) => id < 256 + k)), merges: trained.merges.slice(0, k) });

    /** What the merges view shows once it shows step k. */
    async function shownStep(k: number) {
      await page.waitForFunction((k) => {
        const view = document.querySelector<HTMLElement>("#merges")!;
        return view.dataset.state === "done" && view.dataset.step === String(k);
      }, k, { timeout: 60_000 });
      return page.$eval("#merges", (view) => ({
        left: view.querySelector<HTMLElement>("#merge-left")!.dataset.bytes,
        right: view.querySelector<HTMLElement>("#merge-right")!.dataset.bytes,
        token: view.querySelector<HTMLElement>("#merge-token")!.dataset.bytes,
        id: Number(view.querySelector("#merge-id")!.textContent),
        count: Number(view.querySelector<HTMLElement>("#merge-count")!.dataset.count),
        ids: Array.from(view.querySelectorAll<HTMLElement>("#step-tokens .tok"), (s) => Number(s.dataset.id)),
      }));
    }

    /** Merge k as the plain twin sees it: its pair's count over the words after the first k - 1 merges. */
    function plainCount(k: number): number {
      let words = byteWords(LEARN_TEXT);
      for (const [left, right] of trained.merges.slice(0, k - 1)) words = applyMerge(words, hex(left), hex(right));
      return pairCount(words, hex(trained.merges[k - 1][0]), hex(trained.merges[k - 1][1]));
    }

    beforeAll(async () => {
      trained = await train(LEARN_TEXT, { vocabSize: VOCAB, workers: 0 });
    });

    test("errors are shown in the page: empty text, a vocabulary size below 256", async () => {
      const trainWith = async (text: string, vocab: string) => {
        await page.fill("#learn-text", text);
        await page.fill("#learn-vocab", vocab);
        await page.click("#learn-train");
        await page.waitForSelector("#learn[data-state=error]", { timeout: 30_000 });
        return page.$eval("#learn-error", (el) => ({ hidden: (el as HTMLElement).hidden, code: (el as HTMLElement).dataset.code, text: el.textContent }));
      };
      expect(await trainWith("", "300")).toMatchObject({ hidden: false, code: "INVALID_ARGUMENT", text: expect.stringContaining("training text is empty") });
      expect(await trainWith("some text", "100")).toMatchObject({ hidden: false, code: "INVALID_ARGUMENT", text: expect.stringContaining("vocabSize must be an integer from 256") });
      expect(await trainWith("some text", "")).toMatchObject({ hidden: false, code: "INVALID_ARGUMENT" });
      expect(await page.isHidden("#merges")).toBe(true);

      // Not an error: a text with fewer pairs than merges asked trains as far as it goes, and says so.
      const few = (await train("ab ab abc", { vocabSize: 300, workers: 0 })).merges.length;
      await page.fill("#learn-text", "ab ab abc");
      await page.fill("#learn-vocab", "300");
      await page.click("#learn-train");
      await page.waitForSelector("#learn[data-state=trained]", { timeout: 30_000 });
      expect(await page.textContent("#learn-status")).toBe(`${few} merges learned (the text has no pair left for the 44 asked)`);
      expect(await page.isHidden("#learn-error")).toBe(true);
      expect(errors).toEqual([]);
    });

    test("a dropped file trains in a worker with progress to the merges asked; merge 1 is the text's most frequent pair", async () => {
      expect(trained.merges.length).toBe(VOCAB - 256); // the text has pairs enough for every merge asked
      await page.fill("#learn-text", "");
      const drop = await page.evaluateHandle((text) => {
        const data = new DataTransfer();
        data.items.add(new File([text], "corpus.txt", { type: "text/plain" }));
        return data;
      }, LEARN_TEXT);
      await page.dispatchEvent("#learn-text", "drop", { dataTransfer: drop });
      await page.waitForFunction((text) => document.querySelector<HTMLTextAreaElement>("#learn-text")!.value === text, LEARN_TEXT);
      await page.fill("#learn-vocab", String(VOCAB));
      await page.evaluate(() => {
        const seen: string[] = ((window as unknown as { statuses: string[] }).statuses = []);
        const status = document.querySelector("#learn-status")!;
        new MutationObserver(() => seen.push(status.textContent ?? "")).observe(status, { childList: true, characterData: true, subtree: true });
      });
      await page.click("#learn-train");
      await page.waitForSelector("#learn[data-state=trained]", { timeout: 60_000 });
      expect(await page.$eval("#learn", (el) => el.dataset.merges)).toBe(String(VOCAB - 256));
      expect(await page.$eval("#learn-progress", (el) => (el as HTMLProgressElement).value)).toBe(1);
      const statuses = await page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
      expect(statuses.some((s) => s.startsWith("merging: "))).toBe(true);
      expect(workers.some((url) => url === `${base}train-worker.js`)).toBe(true);

      const first = await shownStep(1);
      const plain = mostFrequentBytePair(LEARN_TEXT);
      expect({ left: first.left, right: first.right, count: first.count }).toEqual(plain);
      expect(first.token).toBe(`${plain.left} ${plain.right}`);
      expect(first.id).toBe(256);
    });

    test("each step shows merge k's pair and count and the text as train() + encode give it for the first k merges", async () => {
      const check = async (k: number) => {
        const shown = await shownStep(k);
        const [left, right] = trained.merges[k - 1];
        expect({ left: shown.left, right: shown.right, id: shown.id }, `merge ${k}`).toEqual({ left: hex(left), right: hex(right), id: 255 + k });
        expect(shown.count, `merge ${k}'s count`).toBe(plainCount(k));
        expect(shown.ids, `tokens after ${k} merges`).toEqual(Array.from((await firstMerges(k)).encode(LEARN_TEXT)));
      };
      await page.click("[data-go=next]");
      await check(2);
      await page.click("[data-go=next]");
      await check(3);
      await page.click("[data-go=prev]");
      await check(2);
      await page.click("[data-go=last]");
      await check(VOCAB - 256);
      await page.fill("#step-slider", "37");
      await check(37);
      await page.focus("#step-slider");
      await page.keyboard.press("ArrowRight");
      await check(38);
      await page.click("[data-go=first]");
      await check(1);
      await page.fill("#step-slider", "20");
      await check(20);
      await page.locator("#merges").screenshot({ path: join(ARTIFACTS, "merges.png") });
    });

    test("hovering or focusing a token shows its id, bytes and the offsets encodeWithOffsets gives", async () => {
      await page.fill("#step-slider", "20");
      await shownStep(20);
      const { ids, offsets } = (await firstMerges(20)).encodeWithOffsets(LEARN_TEXT);
      const info = () => page.$eval("#token-info", (el) => ({ id: Number(el.dataset.id), start: Number(el.dataset.start), end: Number(el.dataset.end), text: el.textContent }));
      const expected = (i: number) => ({ id: ids[i], start: offsets[i], end: i + 1 < ids.length ? offsets[i + 1] : LEARN_TEXT.length });
      const partial = offsets.findIndex((o, i) => i > 0 && o === offsets[i - 1]); // a token inside a character
      expect(partial).toBeGreaterThan(0);
      for (const i of [0, 5, partial - 1, partial, ids.length - 1]) {
        await page.hover(`#step-tokens .tok >> nth=${i}`);
        const shown = await info();
        expect({ id: shown.id, start: shown.start, end: shown.end }, `token ${i}`).toEqual(expected(i));
        expect(shown.text).toContain(`bytes ${hex(trained.vocab.get(ids[i])!)}`);
      }
      await page.focus("#step-tokens .tok >> nth=0");
      expect((await info()).id).toBe(ids[0]);
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      expect(await info()).toMatchObject(expected(2));
      expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.start)).toBe(String(offsets[2]));
    });

    test("the chart: the named encodings, the trained sizes and the lecture's tokenizers at the bytes per token computed in Node", async () => {
      await page.waitForSelector("#chart[data-state=done]", { timeout: 60_000 });
      const points = await page.$$eval("#chart circle.point", (dots) =>
        dots.map((d) => ({ name: d.getAttribute("data-name")!, kind: d.getAttribute("data-kind"), vocab: Number(d.getAttribute("data-vocab")), ratio: Number(d.getAttribute("data-ratio")) })));
      const named = points.filter((p) => p.kind === "encoding");
      expect(named.map((p) => p.name).sort()).toEqual(["cl100k_base", "o200k_base", "p50k_base", "r50k_base"]);
      for (const point of named) {
        const enc = await getEncoding(point.name as "o200k_base");
        expect(point, point.name).toMatchObject({ vocab: enc.vocabSize, ratio: utf8 / enc.encode(LEARN_TEXT).length });
      }
      const lectureShown = Object.fromEntries(points.filter((p) => p.kind === "lecture").map((p) => [p.name, p]));
      expect(lectureShown.characters).toMatchObject({ vocab: 0x110000, ratio: utf8 / Array.from(LEARN_TEXT).length });
      expect(lectureShown.bytes).toMatchObject({ vocab: 256, ratio: 1 });
      const words = LEARN_TEXT.match(lecture.GPT2_WORDS)!;
      expect(lectureShown.words).toMatchObject({ vocab: new Set(words).size + 1, ratio: utf8 / words.length });
      const sizes = points.filter((p) => p.kind === "trained");
      expect(sizes.length).toBeGreaterThanOrEqual(5);
      expect(sizes.map((p) => p.vocab)).toContain(256);
      expect(sizes.map((p) => p.vocab)).toContain(VOCAB);
      for (const point of sizes) {
        expect(point.ratio, `trained at ${point.vocab}`).toBe(utf8 / (await firstMerges(point.vocab - 256)).encode(LEARN_TEXT).length);
      }
      await page.locator("#chart").screenshot({ path: join(ARTIFACTS, "chart.png") });
      await page.screenshot({ path: join(ARTIFACTS, "learn.png"), fullPage: true });
      expect(requests.every((url) => url.startsWith(base) || url.startsWith("data:"))).toBe(true);
      expect(requests.filter((url) => url === `${base}bytepair.wasm`).length).toBeGreaterThanOrEqual(2); // the page's and the worker's
      expect(errors).toEqual([]);
    });

    test("a larger text: the progress bar moves and the page's thread stays free while the worker trains", async () => {
      let seed = 7; // a fixed pseudo-random text of about 600 KB
      const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const letters = "etaoinshrdlucmfwypvbgkqjxz";
      const text = Array.from({ length: 120_000 }, () => Array.from({ length: 1 + Math.floor(next() * 7) }, () => letters[Math.floor(next() * 26)]).join("")).join(" ");
      const merges = (await train(text, { vocabSize: 4256, workers: 0 })).merges.length;
      await page.fill("#learn-text", text);
      await page.fill("#learn-vocab", "4256");
      await page.evaluate(() => {
        // Each progress message from the worker updates the status line: record the bar with it. Timers
        // keep firing on time only while nothing holds the page's thread.
        const w = window as unknown as { longestGap: number; progressSeen: Array<[string, number]> };
        w.longestGap = 0;
        w.progressSeen = [];
        const section = document.querySelector<HTMLElement>("#learn")!;
        const progress = document.querySelector<HTMLProgressElement>("#learn-progress")!;
        const status = document.querySelector("#learn-status")!;
        new MutationObserver(() => w.progressSeen.push([status.textContent ?? "", progress.value])).observe(status, { childList: true, characterData: true, subtree: true });
        let last = performance.now();
        const tick = () => {
          const now = performance.now();
          if (section.dataset.state === "training") w.longestGap = Math.max(w.longestGap, now - last);
          last = now;
          if (section.dataset.state === "training" || w.progressSeen.length === 0) setTimeout(tick, 5);
        };
        setTimeout(tick, 5);
      });
      await page.click("#learn-train");
      await page.waitForSelector("#learn[data-state=trained]", { timeout: 120_000 });
      expect(await page.$eval("#learn", (el) => el.dataset.merges)).toBe(String(merges));
      expect(await page.textContent("#learn-status")).toMatch(new RegExp(`^${merges} merges learned`));
      const { longestGap, progressSeen } = await page.evaluate(() => {
        const { longestGap, progressSeen } = window as unknown as { longestGap: number; progressSeen: Array<[string, number]> };
        return { longestGap, progressSeen };
      });
      console.log(`playground: ${progressSeen.length} progress updates while training, longest timer gap ${longestGap.toFixed(0)} ms`);
      const midway = progressSeen.filter(([status, value]) => status.startsWith("merging: ") && value > 0.1 && value < 1);
      expect(midway.length).toBeGreaterThan(0); // the bar shown part-way through the merges
      expect(longestGap).toBeLessThan(1500); // lenient: a loaded CI machine delays timers too
      await shownStep(1);
      expect(errors).toEqual([]);
    });
  });
});

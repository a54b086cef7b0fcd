// `bytepair playground`: the server's files and types, then the page in Debian's chromium (driven by
// playwright-core), its tokens and counts checked against the library in Node.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getEncoding, lecture } from "bytepair";
import type { BrowserContext, Page } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
const cli = fileURLToPath(new URL("../../build/cli.js", import.meta.url));
const build = new URL("../../build/", import.meta.url);

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
  expect(wasm.body).toEqual(new Uint8Array(readFileSync(new URL("bytepair.wasm", build))));
  expect((await get("vocab/gpt2.bpv")).status).toBe(404); // gpt2 shares r50k_base's file
  expect((await get("vocab/r50k_base.bpv")).body).toEqual(new Uint8Array(readFileSync(new URL("vocab/r50k_base.bpv", build))));
  for (const path of ["../package.json", "%2e%2e/package.json", "..%2fpackage.json", "cli.js", "corpus/manifest.json", "index.js", "vocab/../cli.js"]) {
    expect((await get(path)).status, path).toBe(404);
  }
  // Nothing the page loads comes from elsewhere: no absolute URLs in it.
  const page = new TextDecoder().decode((await get("")).body) + new TextDecoder().decode((await get("app.js")).body);
  expect(page).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
});

const missing = !existsSync(CHROMIUM);
if (missing) console.warn(`test/runtimes/playground.test.ts: ${CHROMIUM} is missing (apt-get install chromium): the browser tests are skipped`);

describe.skipIf(missing)(`in chromium (${CHROMIUM})`, () => {
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const errors: string[] = [];

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
    page.on("request", (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith("data:")) errors.push(`request outside the server: ${r.url()}`);
    });
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
    }
  });

  test("characters, bytes and words in the page", async () => {
    const characters = await choose("#pane-b", "characters");
    expect(characters.spans.map((s) => s.id)).toEqual(Array.from(TEXT, (c) => c.codePointAt(0)));
    expect(characters.vocab).toBe(thousands(0x110000));

    const byteView = await choose("#pane-b", "bytes");
    expect(byteView.spans.map((s) => s.id)).toEqual(Array.from(Buffer.from(TEXT, "utf8")));
    expect(byteView.ratio).toBe("1.00");
    expect(byteView.spans.filter((s) => s.partial).length).toBe(Array.from(Buffer.from(TEXT, "utf8")).filter((b) => b >= 0x80).length);

    const training = await page.inputValue("#training-text");
    const words = await choose("#pane-b", "words");
    const vocabulary = new Set(training.match(lecture.GPT2_WORDS));
    const expected = TEXT.match(lecture.GPT2_WORDS)!;
    expect(words.count).toBe(thousands(expected.length));
    expect(words.vocab).toBe(thousands(vocabulary.size + 1));
    expect(words.spans.map((s) => s.unk)).toEqual(expected.map((w) => !vocabulary.has(w))); // " zyzzyva" is not in the training text
    expect(words.spans.some((s) => s.unk)).toBe(true);
    expect(words.spans.filter((s) => !s.unk).map((s) => s.text)).toEqual(expected.filter((w) => vocabulary.has(w)).map((w) => w.replaceAll("\n", "↵\n")));

    const trained = await choose("#pane-b", "trained bpe");
    const reference = await lecture.trainBpe(training, { vocabSize: Number(await page.inputValue("#train-vocab")) });
    expect(trained.spans.map((s) => s.id)).toEqual(Array.from(reference.encode(TEXT)));

    await choose("#pane-b", "gpt2");
    await page.screenshot({ path: fileURLToPath(new URL("playground.png", build)), fullPage: true });
    expect(errors).toEqual([]);
  });
});

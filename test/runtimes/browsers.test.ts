// Browsers: headless Chromium (playwright-core) and Firefox ESR load the parity page from a local
// server, import the package's browser entry (and build/index.js as it is), and must reproduce
// tiktoken's ids on the whole sample; Chromium also runs examples/browser/index.html.

import { afterAll, describe, expect, test } from "vitest";
import { expectedParity, findBinary } from "./harness.js";
import { servedSample } from "./served-sample.js";
import { CHROMIUM, FIREFOX, launchChromium, startFirefox } from "./browsers.js";
import { reference } from "../helpers/reference.js";

const served = servedSample();
const { sample } = served;

const PAGES = [
  ["build/browser.js, files beside it", "entry=browser"],
  ["build/index.js, files beside it", "entry=index"],
  ["build/browser.js, init() with relative URLs", "entry=browser&mode=init"],
] as const;

describe("Chromium", () => {
  const { missing } = findBinary(CHROMIUM, "apt-get install chromium");
  let context: Awaited<ReturnType<typeof launchChromium>> | undefined;
  afterAll(() => context?.close());

  for (const [what, query] of PAGES) {
    test(`reproduces tiktoken's ids on the sample: ${what}`, async (ctx) => {
      if (missing) ctx.skip(missing);
      context ??= await launchChromium();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      const result = served.server.nextResult(30_000);
      await page.goto(`${served.server.origin}test/runtimes/parity.html?${query}`);
      expect(await result).toEqual(expectedParity(sample));
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  test("examples/browser/index.html shows tiktoken's ids as the text changes", async (ctx) => {
    if (missing) ctx.skip(missing);
    context ??= await launchChromium();
    const page = await context.newPage();
    await page.goto(`${served.server.origin}examples/browser/index.html`);
    const text = "Ünïcödé, 漢字, emoji 🫠 and code: x => x ** 2";
    await page.fill("#text", text);
    await page.selectOption("#encoding", "cl100k_base");
    await page.waitForFunction((shown) => document.body.dataset.shown === shown, `cl100k_base:${text}`);
    expect(await page.textContent("#ids")).toBe(Array.from(reference("cl100k_base").encode(text, "all")).join(" "));
    await page.close();
  });
});

describe("Firefox ESR", () => {
  const { missing } = findBinary(FIREFOX, "apt-get install firefox-esr");

  for (const [what, query] of [PAGES[0], PAGES[2]]) {
    test(`reproduces tiktoken's ids on the sample: ${what}`, async (ctx) => {
      if (missing) ctx.skip(missing);
      const result = served.server.nextResult(45_000);
      const firefox = startFirefox(`${served.server.origin}test/runtimes/parity.html?${query}`);
      try {
        expect(await result).toEqual(expectedParity(sample));
      } finally {
        firefox.stop();
        await firefox.exited;
      }
    });
  }
});

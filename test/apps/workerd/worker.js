// A Cloudflare Worker with o200k_base alone: the engine and the vocabulary are modules of their own
// (wrangler's rules), and the tokenizer is loaded at startup, in module scope, not in a request.
import { init, getEncoding } from "bytepair/worker";
import o200k from "bytepair/vocab/o200k_base.bpv";
import { TEXTS } from "./shared/tokenize.js";

init({ vocab: { o200k_base: o200k } });
const enc = await getEncoding("o200k_base");

export default {
  fetch() {
    const results = TEXTS.map((text) => ({ encoding: "o200k_base", text, ids: Array.from(enc.encode(text, { allowedSpecial: "all" })) }));
    return Response.json({ results });
  },
};

// POST /tokenize {"encoding": "cl100k_base", "texts": ["..."]} -> {"ids": [[...]], "counts": [...]}
// bytepair/worker brings the engine as a compiled module (Workers cannot compile wasm from bytes);
// the vocabularies are imported as data modules and handed to init(). Import only those you use:
// each is 0.7 to 3.0 MB (0.4 to 1.8 MB gzipped) and counts towards the Worker's size limit.
import { init, getEncoding, BytepairError, type EncodingName } from "bytepair/worker";
import r50k_base from "bytepair/vocab/r50k_base.bpv";
import p50k_base from "bytepair/vocab/p50k_base.bpv";
import cl100k_base from "bytepair/vocab/cl100k_base.bpv";
import o200k_base from "bytepair/vocab/o200k_base.bpv";

init({ vocab: { r50k_base, p50k_base, cl100k_base, o200k_base } });

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method !== "POST" || url.pathname !== "/tokenize") {
      return new Response('POST /tokenize {"encoding": "o200k_base", "texts": ["Hello, world"]}\n', { status: 404 });
    }
    try {
      const { encoding = "o200k_base", texts } = (await request.json()) as { encoding?: EncodingName; texts: string[] };
      const enc = await getEncoding(encoding);
      const ids = texts.map((text) => [...enc.encode(text, { allowedSpecial: "all" })]);
      const counts = texts.map((text) => enc.count(text, { allowedSpecial: "all" }));
      return Response.json({ encoding, ids, counts });
    } catch (e) {
      const code = e instanceof BytepairError ? e.code : "BAD_REQUEST";
      return Response.json({ error: code, message: (e as Error).message }, { status: 400 });
    }
  },
};

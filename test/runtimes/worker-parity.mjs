// A Worker that runs the shared parity check (ids, counts, and decode against workerd's own
// TextDecoder: workerd has no Buffer, so decode makes its strings with a utf-16le TextDecoder).
//   POST /parity   body: the parity sample -> checkParity's result
import { init, getEncoding } from "bytepair/worker";
import r50k_base from "bytepair/vocab/r50k_base.bpv";
import p50k_base from "bytepair/vocab/p50k_base.bpv";
import cl100k_base from "bytepair/vocab/cl100k_base.bpv";
import o200k_base from "bytepair/vocab/o200k_base.bpv";
import { checkParity } from "./parity-check.mjs";

init({ vocab: { r50k_base, p50k_base, cl100k_base, o200k_base } });

export default {
  async fetch(request) {
    try {
      const result = await checkParity({ getEncoding }, await request.json());
      return Response.json({ ...result, hasBuffer: typeof globalThis.Buffer === "function" });
    } catch (e) {
      return Response.json({ name: e.name, code: e.code, message: e.message }, { status: 500 });
    }
  },
};

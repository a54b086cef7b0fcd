// A Worker that imports "bytepair" instead of "bytepair/worker": what goes wrong must be a
// BytepairError that says what to do, not a TypeError or a bare CompileError.
//   GET /         no init: the module has no URL to find its files by
//   GET /bytes    init with the engine's bytes: workerd refuses to compile them
import { getEncoding, init } from "bytepair";
import r50k_base from "bytepair/vocab/r50k_base.bpv";

export default {
  async fetch(request) {
    try {
      if (new URL(request.url).pathname === "/bytes") {
        init({ wasm: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]), vocab: { r50k_base } });
      }
      await getEncoding("r50k_base");
      return Response.json({ loaded: true });
    } catch (e) {
      return Response.json({ name: e.name, code: e.code, message: e.message });
    }
  },
};

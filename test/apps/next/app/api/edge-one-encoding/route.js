// An edge route that imports one encoding's entry (its "edge-light" file) instead of "bytepair".
import { o200k_base } from "bytepair/encodings/o200k_base";
import { TEXTS } from "../../../shared/tokenize.js";

export const runtime = "edge";
export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const enc = await o200k_base();
    return Response.json({ results: TEXTS.map((text) => ({ encoding: "o200k_base", text, ids: Array.from(enc.encode(text, { allowedSpecial: "all" })) })) });
  } catch (e) {
    return Response.json({ error: String(e?.stack ?? e) }, { status: 500 });
  }
}

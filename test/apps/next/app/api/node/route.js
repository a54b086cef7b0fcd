import { getEncoding } from "bytepair";
import { tokenizeAll } from "../../../shared/tokenize.js";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  try {
    return Response.json({ results: await tokenizeAll(getEncoding) });
  } catch (e) {
    return Response.json({ error: String(e?.stack ?? e) }, { status: 500 });
  }
}

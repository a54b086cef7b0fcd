// An edge function as Vercel's edge runtime runs it: a fetch handler, bundled into one script.
import { getEncoding } from "bytepair/inline";
import { tokenizeAll } from "./shared/tokenize.js";

addEventListener("fetch", (event) => {
  event.respondWith(
    tokenizeAll(getEncoding).then(
      (results) => Response.json({ results }),
      (e) => Response.json({ error: String(e?.stack ?? e) }, { status: 500 }),
    ),
  );
});

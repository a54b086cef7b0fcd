// Tokens as spans that tell about themselves: hovering or focusing one shows its id, its bytes in hex
// and where it is in the text (UTF-16 offsets, from encodeWithOffsets). One span at a time is in the
// tab order; the arrow keys move between them, so the keyboard reaches every token without a tab stop each.

import { hexBytes, tokenLabel } from "./tokens.js";

export interface OffsetTokens {
  ids: ArrayLike<number>;
  /** Where each token starts in the text. */
  offsets: ArrayLike<number>;
}

/** Spans for the first `limit` tokens; a token ends where the next one starts (the last at the text's end). */
export function offsetTokenSpans(tokens: OffsetTokens, textLength: number, bytesOf: (id: number) => Uint8Array, limit: number): HTMLElement[] {
  const shown = Math.min(tokens.ids.length, limit);
  const spans: HTMLElement[] = [];
  for (let i = 0; i < shown; i++) {
    const id = tokens.ids[i];
    const bytes = bytesOf(id);
    const label = tokenLabel(bytes);
    const span = document.createElement("span");
    span.className = `tok c${i % 6}${label.partial ? " partial" : ""}`;
    span.tabIndex = i === 0 ? 0 : -1;
    span.dataset.id = String(id);
    span.dataset.bytes = hexBytes(bytes);
    span.dataset.start = String(tokens.offsets[i]);
    span.dataset.end = String(i + 1 < tokens.ids.length ? tokens.offsets[i + 1] : textLength);
    span.textContent = label.text.replaceAll("\n", "↵\n");
    spans.push(span);
  }
  if (tokens.ids.length > shown) spans.push(Object.assign(document.createElement("span"), { textContent: ` … ${tokens.ids.length - shown} more` }));
  return spans;
}

/** What `info` says before a token is pointed at. */
export const TOKEN_HINT = "Hover or focus a token (then the arrow keys) for its id, bytes and offsets.";

/** Back to the hint: the token `info` told about is gone with the old spans. */
export function clearTokenInfo(info: HTMLElement): void {
  for (const key of ["id", "start", "end"]) delete info.dataset[key];
  info.textContent = TOKEN_HINT;
}

/** Shows in `info` the token under the pointer or with the focus in `container`; arrow keys move the focus. */
export function showTokenInfo(container: HTMLElement, info: HTMLElement): void {
  const show = (target: EventTarget | null) => {
    const span = target instanceof HTMLElement ? target.closest<HTMLElement>(".tok") : null;
    if (!span || !container.contains(span)) return;
    const { id, bytes, start, end } = span.dataset;
    info.dataset.id = id;
    info.dataset.start = start;
    info.dataset.end = end;
    info.textContent = `token id ${id} · bytes ${bytes} · offsets ${start}–${end} in the text`;
  };
  container.addEventListener("mouseover", (e) => show(e.target));
  container.addEventListener("focusin", (e) => show(e.target));
  container.addEventListener("keydown", (e) => {
    const span = e.target instanceof HTMLElement ? e.target.closest<HTMLElement>(".tok") : null;
    if (!span) return;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (!step) return;
    let next = step > 0 ? span.nextElementSibling : span.previousElementSibling;
    while (next && !next.classList.contains("tok")) next = step > 0 ? next.nextElementSibling : next.previousElementSibling;
    if (!(next instanceof HTMLElement)) return;
    e.preventDefault();
    span.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });
}

// Linear-memory layout. The module owns all memory above __heap_base; nothing is allocated by the
// AssemblyScript runtime (stub runtime, no `new`), so the layout below is the whole story:
//
//   [static data][fixed: vocabulary tables, bump-allocated while loading][scratch: per call]
//
// The fixed region only grows while a vocabulary is being loaded. After `sealFixed()` the scratch
// region starts above it and is reused by every call: input bytes, then output ids, then merge work
// space. Scratch grows to the largest call seen and never shrinks (wasm memory cannot), so memory is
// bounded by the largest input, not by the number of calls.


/** The most linear memory a 32-bit module can address (4 GiB less a page): sizes are checked against it in 64 bits. */
export const MEMORY_LIMIT: u64 = 0xFFFF0000;

const PAGE: usize = 65536;

let fixedTop: usize = (__heap_base + 15) & ~15;
let sealed = false;
let ownedByTrainer = false;

/** Grows memory so that [0, end) is addressable; false when the engine cannot grow. */
export function ensureMemory(end: usize): bool {
  const have = <usize>memory.size() * PAGE;
  if (end <= have) return true;
  const pages = <i32>((end - have + PAGE - 1) / PAGE);
  return memory.grow(pages) >= 0;
}

/** Bump-allocates `bytes` (16-aligned, zero: fresh memory) in the fixed region; 0 on failure. */
export function allocFixed(bytes: usize): usize {
  if (sealed || ownedByTrainer) return 0;
  const ptr = fixedTop;
  const end = (ptr + bytes + 15) & ~15;
  if (end < ptr || !ensureMemory(end + 16)) return 0;
  // No fill: nothing above fixedTop is written before sealing (scratch is handed out only after
  // it, and a trainer instance never allocates here), so this memory is still as grown: zero.
  fixedTop = end;
  return ptr;
}

/**
 * Hands all memory above the static data to a trainer (pool.ts) and returns where it starts;
 * 0 when this instance already holds a vocabulary. An instance is a tokenizer or a trainer, never both.
 */
export function claimForTrainer(): usize {
  if (sealed || fixedTop != ((__heap_base + 15) & ~15)) return 0;
  ownedByTrainer = true;
  return fixedTop;
}

/** End of the fixed region so far. */
export function fixedEnd(): usize {
  return fixedTop;
}

/** Ends the loading phase: everything above now belongs to per-call scratch. */
export function sealFixed(): void {
  sealed = true;
}

export function isSealed(): bool {
  return sealed;
}

/** Start of the per-call scratch region. */
export function scratchBase(): usize {
  return fixedTop + 16;
}

@inline export function align16(p: usize): usize {
  return (p + 15) & ~15;
}

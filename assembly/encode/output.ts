// The output region: ids written by the encoder for the host to read as one view.

let outPtr: usize = 0;
export let outCount: u32 = 0;

export function resetOutput(ptr: usize): void {
  outPtr = ptr;
  outCount = 0;
}

export function outputStart(): usize {
  return outPtr;
}

// @ts-ignore: decorator
@inline export function emit(id: u32): void {
  store<u32>(outPtr + (<usize>outCount << 2), id);
  outCount++;
}

/** Emits `count` ids stored at `ids`. */
// @ts-ignore: decorator
@inline export function emitFrom(ids: usize, count: u32): void {
  const to = outPtr + (<usize>outCount << 2);
  for (let i: usize = 0; i < <usize>count; i++) store<u32>(to + (i << 2), load<u32>(ids + (i << 2)));
  outCount += count;
}

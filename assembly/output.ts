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

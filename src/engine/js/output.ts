// The output ids of one encode call, read by the host as one view: the twin of assembly/encode/output.ts.
// The buffer grows to the largest call and is reused (an input of n bytes has at most n ids).

export class Output {
  ids = new Uint32Array(0);
  count = 0;

  /** Empties the output and makes room for `capacity` ids. */
  reset(capacity: number): void {
    if (this.ids.length < capacity) this.ids = new Uint32Array(capacity);
    this.count = 0;
  }

  emit(id: number): void {
    this.ids[this.count++] = id;
  }
}

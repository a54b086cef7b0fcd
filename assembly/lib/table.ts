// A linear-probe index over records kept elsewhere (the trainer's words and pairs, each in a Vec): u32
// slots that hold a record's index + 1 (0: empty), a power-of-two capacity, at most half full. The
// records hold their keys and the index only says where they are, so one shape serves any record: the
// caller probes from home(h) with next(i) while slot(i) is not 0, comparing its own keys, and places a
// new record at the empty slot it stopped at. Growing re-adds every record by its hash.
//
// Not used by vocab/tokens.ts: that table is filled once at loading, sized to the vocabulary rather
// than a power of two, and keeps a token's first bytes in its 16-byte slots, since its lookups are the
// encoder's hot path.

import { poolAlloc, poolFree } from "./pool";

@unmanaged
export class LinearIndex {
  slots: usize;
  mask: u32; // capacity - 1

  /** Starts empty with `capacity` slots (a power of two); false when memory cannot grow. */
  init(capacity: u32): bool {
    this.slots = 0; // the pool that held earlier slots has been reset
    this.mask = 0;
    return this.resize(capacity);
  }

  /**
   * Replaces the slots with `capacity` empty ones (a power of two), giving the old ones back; false
   * (the old slots kept) when memory cannot grow. The caller then adds every record again.
   */
  resize(capacity: u32): bool {
    const fresh = poolAlloc(<usize>capacity << 2);
    if (fresh == 0) return false;
    memory.fill(fresh, 0, <usize>capacity << 2);
    if (this.slots != 0) poolFree(this.slots, <usize>(this.mask + 1) << 2);
    this.slots = fresh;
    this.mask = capacity - 1;
    return true;
  }

  /** Whether `count` records fill more than half the slots: time to resize to twice the capacity. */
  // @ts-ignore: decorator
  @inline crowded(count: u32): bool {
    return count * 2 > this.mask + 1;
  }

  // @ts-ignore: decorator
  @inline capacity(): u32 {
    return this.mask + 1;
  }

  /** The first slot to look at for hash h. */
  // @ts-ignore: decorator
  @inline home(h: u32): u32 {
    return h & this.mask;
  }

  // @ts-ignore: decorator
  @inline next(i: u32): u32 {
    return (i + 1) & this.mask;
  }

  /** The record in slot i, plus one; 0 when the slot is empty. */
  // @ts-ignore: decorator
  @inline slot(i: u32): u32 {
    return load<u32>(this.slots + (<usize>i << 2));
  }

  /** Puts `record` in the empty slot i. */
  // @ts-ignore: decorator
  @inline place(i: u32, record: u32): void {
    store<u32>(this.slots + (<usize>i << 2), record + 1);
  }

  /** Writes the bytes of records indexed and of slots held (u32 each) at out; returns the next place. */
  memory(count: u32, out: usize): usize {
    store<u32>(out, count << 2);
    store<u32>(out, (this.mask + 1) << 2, 4);
    return out + 8;
  }

  /** Adds a record that is not in the index yet, by its hash (as growing does). */
  add(h: u32, record: u32): void {
    let i = this.home(h);
    while (this.slot(i) != 0) i = this.next(i);
    this.place(i, record);
  }
}

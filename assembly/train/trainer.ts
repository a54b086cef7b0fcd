// The BPE trainer's merge loop. Tokens 0..255 are the single bytes; each merge adds the next token.
// Each step merges the most frequent adjacent pair over all distinct pre-tokens (weighted by their
// counts); on a tie, the lexicographically greater pair (first token's bytes, then the second's).
//
// Incremental, as in fast trainers: pair counts change only around merged occurrences; each pair
// keeps a list of the words it occurs in (duplicates allowed, skipped by a per-step stamp); a max-heap
// holds candidates with lazy invalidation: an entry whose count is above the pair's current count is
// re-pushed with the current count, one below it is dropped (a newer entry exists, since every
// increase pushes once per step).
//
// A pair whose joined bytes would be longer than a vocabulary may hold (MAX_TOKEN_LEN) is never
// merged: it is retired as if merged, and the next pair is taken (src/js/naive-train.ts does the same).

import { Vec, vecNew, vecReserve, vecExtend, vecFixed, vecMemory, at } from "../lib/vec";
import { Chunked, chunkedNew, chunkedAt, chunkedPush, chunkedMemory } from "../lib/chunked";
import { LinearIndex } from "../lib/table";
import { HEAP_ENTRY_SIZE, heapTop, heapPush, heapPop } from "../lib/heap";
import { words, wordBytes, wordAt } from "./words";
import { MAX_TOKEN_LEN } from "../abi";

/** A token: where its bytes are in tokenBytes. */
@unmanaged
class Token {
  offset: u32;
  length: u32;
}

/** A pair of adjacent tokens, and what the merge loop keeps of it. */
@unmanaged
class Pair {
  left: u32;
  right: u32;
  count: i64;
  listHead: u32; // its newest word-list entry + 1; 0: none
  lastListed: u32; // the last word added to its list + 1
  raisedIn: u32; // the step of its last increase + 1
  merged: u32; // 1 once merged (or retired as too long)
}

/** An entry of a pair's list of the words it occurs in: 8 bytes (chunkedNew(3)). */
@unmanaged
class ListEntry {
  word: u32;
  next: u32; // the next entry + 1; 0: the end
}

/** One merge, as the host reads it (trainMergesPtr). */
@unmanaged
class Merge {
  left: u32;
  right: u32;
}

let tokens: Vec = changetype<Vec>(0);
let tokenBytes: Vec = changetype<Vec>(0);
// Per word: current token count (u32) and the step that last touched it (u32).
let wordTokenLen: Vec = changetype<Vec>(0);
let wordStamp: Vec = changetype<Vec>(0);
// All words' tokens, word w's starting where its bytes start in wordBytes (a word never grows).
let wordTokens: Vec = changetype<Vec>(0);

let pairs: Vec = changetype<Vec>(0);
const pairIndex = changetype<LinearIndex>(memory.data(offsetof<LinearIndex>())); // by (left, right)
let listEntries: Chunked = changetype<Chunked>(0); // of ListEntry, 8 bytes
// Entries of merged pairs' lists, reused before the array grows: a list through `next` (entry + 1).
let freeEntries: u32 = 0;
// Candidates: (count, pair) entries of ../lib/heap.ts.
let heap: Vec = changetype<Vec>(0);
// Pairs whose count rose during the current step.
let raised: Vec = changetype<Vec>(0);

export let merges: Vec = changetype<Vec>(0);
let step: u32 = 0;

// ---- tokens ----

// @ts-ignore: decorator
@inline function tokenAt(t: u32): Token {
  return changetype<Token>(tokens.data + <usize>t * offsetof<Token>());
}

/** Byte-wise comparison of two tokens' bytes: <0, 0, >0 (a proper prefix is smaller). */
function compareTokens(x: u32, y: u32): i32 {
  if (x == y) return 0;
  const tx = tokenAt(x);
  const ty = tokenAt(y);
  const px = tokenBytes.data + tx.offset;
  const py = tokenBytes.data + ty.offset;
  const lx = tx.length;
  const ly = ty.length;
  const n = lx < ly ? lx : ly;
  for (let i: u32 = 0; i < n; i++) {
    const a = <i32>load<u8>(px + i);
    const b = <i32>load<u8>(py + i);
    if (a != b) return a - b;
  }
  return <i32>lx - <i32>ly;
}

function addToken(left: u32, right: u32): bool {
  const ll = tokenAt(left).length;
  const lr = tokenAt(right).length;
  if (!vecReserve(tokenBytes, tokenBytes.length + ll + lr)) return false;
  const off = tokenBytes.length;
  // Offsets are re-read after the reserve: it may have moved the bytes.
  memory.copy(tokenBytes.data + off, tokenBytes.data + tokenAt(left).offset, ll);
  memory.copy(tokenBytes.data + off + ll, tokenBytes.data + tokenAt(right).offset, lr);
  tokenBytes.length += ll + lr;
  const rec = vecExtend(tokens, 1);
  if (rec == 0) return false;
  const token = changetype<Token>(rec);
  token.offset = off;
  token.length = ll + lr;
  return true;
}

// ---- pairs ----

// @ts-ignore: decorator
@inline function pairHash(a: u32, b: u32): u32 {
  let h = ((<u64>a << 32) | <u64>b) * 0x9E3779B97F4A7C15;
  return <u32>(h >> 32);
}
// @ts-ignore: decorator
@inline function pairAt(p: u32): Pair {
  return changetype<Pair>(pairs.data + <usize>p * offsetof<Pair>());
}

/** Doubles the pair index; false when memory cannot grow. */
function growPairIndex(): bool {
  if (!pairIndex.resize(pairIndex.capacity() << 1)) return false;
  for (let p: u32 = 0; p < pairs.length; p++) {
    const pair = pairAt(p);
    pairIndex.add(pairHash(pair.left, pair.right), p);
  }
  return true;
}

/** Index of pair (a, b), created with count 0 if new; -1 when memory cannot grow. */
function findPair(a: u32, b: u32): i32 {
  let i = pairIndex.home(pairHash(a, b));
  while (true) {
    const s = pairIndex.slot(i);
    if (s == 0) break;
    const pair = pairAt(s - 1);
    if (pair.left == a && pair.right == b) return <i32>(s - 1);
    i = pairIndex.next(i);
  }
  const rec = vecExtend(pairs, 1);
  if (rec == 0) return -1;
  memory.fill(rec, 0, offsetof<Pair>());
  const pair = changetype<Pair>(rec);
  pair.left = a;
  pair.right = b;
  const p = pairs.length - 1;
  pairIndex.place(i, p);
  if (pairIndex.crowded(pairs.length) && !growPairIndex()) return -1;
  return <i32>p;
}

/** Changes pair (a, b)'s count by delta for word w; false when memory cannot grow. */
function changePair(a: u32, b: u32, delta: i64, w: u32): bool {
  const p = findPair(a, b);
  if (p < 0) return false;
  const pair = pairAt(<u32>p);
  if (pair.merged != 0) return true;
  pair.count += delta;
  if (delta <= 0) return true;
  if (pair.lastListed != w + 1) {
    let index = freeEntries;
    let entry: ListEntry;
    if (index != 0) {
      entry = changetype<ListEntry>(chunkedAt(listEntries, index - 1));
      freeEntries = entry.next;
    } else {
      const e = chunkedPush(listEntries);
      if (e == 0) return false;
      entry = changetype<ListEntry>(e);
      index = listEntries.length;
    }
    entry.word = w;
    entry.next = pair.listHead;
    pair.listHead = index;
    pair.lastListed = w + 1;
  }
  if (pair.raisedIn != step + 1) {
    pair.raisedIn = step + 1;
    const r = vecExtend(raised, 1);
    if (r == 0) return false;
    store<u32>(r, <u32>p);
  }
  return true;
}

/** Gives back list entry e (its fields already read): changePair reuses it. */
// @ts-ignore: decorator
@inline function giveBackEntry(e: u32, entry: ListEntry): void {
  entry.next = freeEntries;
  freeEntries = e;
}

/** Gives back the entries of a pair's list (it will never be merged). */
function freeList(pair: Pair): void {
  let e = pair.listHead;
  pair.listHead = 0;
  while (e != 0) {
    const entry = changetype<ListEntry>(chunkedAt(listEntries, e - 1));
    const next = entry.next;
    giveBackEntry(e, entry);
    e = next;
  }
}

// ---- the heap of candidate pairs: the greatest (count, pair bytes) on top ----

@unmanaged
class ByCountThenBytes {
  /** Whether heap entry (ca, pa) ranks above (cb, pb). */
  above(ca: i64, pa: u32, cb: i64, pb: u32): bool {
    if (ca != cb) return ca > cb;
    const x = pairAt(pa);
    const y = pairAt(pb);
    const first = compareTokens(x.left, y.left);
    if (first != 0) return first > 0;
    return compareTokens(x.right, y.right) > 0;
  }
}
/** The heap's order: a class without fields, so no instance is ever read. */
const pairOrder = changetype<ByCountThenBytes>(0);

function pushRaised(): bool {
  for (let k: u32 = 0; k < raised.length; k++) {
    const p = load<u32>(at(raised, k));
    const count = pairAt(p).count;
    if (count > 0 && !heapPush(heap, count, p, pairOrder)) return false;
  }
  raised.length = 0;
  return true;
}

// ---- training ----

/** Builds tokens, word token arrays and pair counts from the counted words; false on OOM. */
export function trainerInit(): bool {
  tokens = vecNew(offsetof<Token>());
  tokenBytes = vecNew(1);
  wordTokenLen = vecNew(4);
  wordStamp = vecNew(4);
  wordTokens = vecNew(4);
  pairs = vecNew(offsetof<Pair>());
  listEntries = chunkedNew(3);
  freeEntries = 0;
  if (offsetof<ListEntry>() != 8) ERROR("the chunked arrays' element sizes");
  heap = vecNew(HEAP_ENTRY_SIZE);
  raised = vecNew(4);
  merges = vecNew(offsetof<Merge>());
  step = 0;
  if (!vecReserve(tokenBytes, 256 + 8) || !vecReserve(tokens, 256)) return false;
  for (let b: u32 = 0; b < 256; b++) {
    store<u8>(tokenBytes.data + b, <u8>b);
    const token = tokenAt(b);
    token.offset = b;
    token.length = 1;
  }
  tokenBytes.length = 256;
  tokens.length = 256;
  if (!pairIndex.init(1 << 12)) return false;
  const n = words.length;
  const total = wordBytes.length;
  if (!vecFixed(wordTokenLen, n) || !vecFixed(wordStamp, n) || !vecFixed(wordTokens, total)) return false;
  for (let i: u32 = 0; i < total; i++) store<u32>(at(wordTokens, i), load<u8>(wordBytes.data + i));
  for (let w: u32 = 0; w < n; w++) {
    const word = wordAt(w);
    const len = word.length;
    store<u32>(at(wordTokenLen, w), len);
    store<u32>(at(wordStamp, w), 0);
    const base = at(wordTokens, word.offset);
    const c = <i64>word.count;
    for (let i: u32 = 0; i + 1 < len; i++) {
      if (!changePair(load<u32>(base + (<usize>i << 2)), load<u32>(base + (<usize>(i + 1) << 2)), c, w)) return false;
    }
  }
  return pushRaised();
}

/** Replaces every (a, b) in word w with t, left to right, updating the neighbouring pairs. */
function mergeInWord(w: u32, a: u32, b: u32, t: u32): bool {
  const word = wordAt(w);
  const base = at(wordTokens, word.offset);
  const n = load<u32>(at(wordTokenLen, w));
  const c = <i64>word.count;
  let r: u32 = 0;
  let out: u32 = 0;
  while (r < n) {
    const x = load<u32>(base + (<usize>r << 2));
    if (x == a && r + 1 < n && load<u32>(base + (<usize>(r + 1) << 2)) == b) {
      // The left neighbour is already rewritten (it may be t); the right one is not yet.
      if (out > 0) {
        const prev = load<u32>(base + (<usize>(out - 1) << 2));
        if (!changePair(prev, a, -c, w) || !changePair(prev, t, c, w)) return false;
      }
      if (r + 2 < n) {
        const next = load<u32>(base + (<usize>(r + 2) << 2));
        if (!changePair(b, next, -c, w) || !changePair(t, next, c, w)) return false;
      }
      store<u32>(base + (<usize>out << 2), t);
      out++;
      r += 2;
    } else {
      store<u32>(base + (<usize>out << 2), x);
      out++;
      r++;
    }
  }
  store<u32>(at(wordTokenLen, w), out);
  return true;
}

/**
 * Tokens of all the counted text under the merges so far: each distinct pre-token's count times its
 * length in tokens. Merging in merge order is what encoding by lowest rank does, so this is what
 * encoding the text again would give (special tokens aside). A float: exact to 2^53.
 */
export function wordTokenTotal(): f64 {
  let total: f64 = 0;
  for (let w: u32 = 0; w < words.length; w++) total += <f64>wordAt(w).count * <f64>load<u32>(at(wordTokenLen, w));
  return total;
}

/** Number of tokens so far (256 + merges). */
export function tokenCount(): u32 {
  return tokens.length;
}

/**
 * Performs up to `limit` merges; returns how many it did (fewer when no pair is left), or -1 when
 * memory could not grow.
 */
export function trainSteps(limit: u32): i32 {
  let done: u32 = 0;
  while (done < limit && heap.length > 0) {
    const top = heapTop(heap);
    const count = top.key;
    const p = top.item;
    heapPop(heap, pairOrder);
    const pair = pairAt(p);
    const current = pair.count;
    if (pair.merged != 0 || count < current) continue;
    if (count > current) {
      if (current > 0 && !heapPush(heap, current, p, pairOrder)) return -1;
      continue;
    }
    const a = pair.left;
    const b = pair.right;
    if (tokenAt(a).length + tokenAt(b).length > MAX_TOKEN_LEN) {
      // Too long to be a token, now and later (tokens never change): retire the pair.
      pair.merged = 1;
      freeList(pair);
      continue;
    }
    // Merge (a, b) into the new token t.
    const t = tokens.length;
    if (!addToken(a, b)) return -1;
    const m = vecExtend(merges, 1);
    if (m == 0) return -1;
    const merge = changetype<Merge>(m);
    merge.left = a;
    merge.right = b;
    pair.merged = 1;
    step++;
    // Its list is given back as it is walked: the merge in a word lists other pairs only.
    let e = pair.listHead;
    pair.listHead = 0;
    while (e != 0) {
      const entry = changetype<ListEntry>(chunkedAt(listEntries, e - 1));
      const w = entry.word;
      const next = entry.next;
      giveBackEntry(e, entry);
      e = next;
      const stamp = at(wordStamp, w);
      if (load<u32>(stamp) == step) continue;
      store<u32>(stamp, step);
      if (!mergeInWord(w, a, b, t)) return -1;
    }
    if (!pushRaised()) return -1;
    done++;
  }
  return <i32>done;
}

/** Entries given back and not reused yet (a walk: for reports only). */
function freeEntryCount(): u32 {
  let n: u32 = 0;
  for (let e = freeEntries; e != 0; e = changetype<ListEntry>(chunkedAt(listEntries, e - 1)).next) n++;
  return n;
}

/**
 * The merge loop's memory, as vecMemory writes it, in this order: tokens, tokenBytes, wordTokenLen,
 * wordStamp, wordTokens, pairs, the pair index, listEntries, heap, raised, merges; the next place.
 */
export function trainerMemory(out: usize): usize {
  out = vecMemory(tokens, out);
  out = vecMemory(tokenBytes, out);
  out = vecMemory(wordTokenLen, out);
  out = vecMemory(wordStamp, out);
  out = vecMemory(wordTokens, out);
  out = vecMemory(pairs, out);
  out = pairIndex.memory(pairs.length, out);
  out = chunkedMemory(listEntries, freeEntryCount(), out);
  out = vecMemory(heap, out);
  out = vecMemory(raised, out);
  return vecMemory(merges, out);
}

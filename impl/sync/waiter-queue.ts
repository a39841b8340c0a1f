/**
 * The FIFO of threads blocked in `Condition.wait`, in shared memory. CPython keeps a list of
 * per-waiter locks and `notify(n)` releases the first n; this is the same structure laid out in
 * an Int32Array: a fixed table of slots, each with its own futex word, linked into a FIFO and a
 * free list. Every method except `sleep` must be called with the condition's lock held; that
 * lock is what makes the links consistent, and a notified slot is unlinked by the notifier, so
 * `notify(n)` can never let more than n waiters report a wake-up.
 */
import { CapacityError } from '../errors';
import { Deadline, futexWait } from '../shared/timeout';

const HEAD = 0;
const TAIL = 1;
const FREE = 2;
const COUNT = 3;
const CAPACITY = 4;
const HEADER_WORDS = 8;
const SLOT_WORDS = 2; // [signal, next]
const NIL = -1;
/** Loads of a slot's signal before sleeping on it: a notify often comes within a microsecond. */
const SPINS = 200;

/** Default number of threads that may wait on one condition at the same time. */
export const DEFAULT_MAX_WAITERS = 1024;

export class WaiterQueue {
  private readonly words: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.words = new Int32Array(buffer);
  }

  /** A fresh, empty table for `capacity` simultaneous waiters. */
  static allocate(capacity = DEFAULT_MAX_WAITERS): SharedArrayBuffer {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('maxWaiters must be a positive integer');
    const buffer = new SharedArrayBuffer((HEADER_WORDS + SLOT_WORDS * capacity) * 4);
    const words = new Int32Array(buffer);
    words[HEAD] = NIL;
    words[TAIL] = NIL;
    words[FREE] = 0;
    words[CAPACITY] = capacity;
    for (let slot = 0; slot < capacity; slot++) {
      words[nextIndex(slot)] = slot + 1 < capacity ? slot + 1 : NIL;
    }
    return buffer;
  }

  /** How many threads are waiting and not yet notified. */
  get size(): number {
    return Atomics.load(this.words, COUNT);
  }

  /** Appends a new waiter and returns its slot. Lock held. */
  enqueue(): number {
    const slot = Atomics.load(this.words, FREE);
    if (slot === NIL) {
      const capacity = Atomics.load(this.words, CAPACITY);
      throw new CapacityError(`too many threads waiting on one Condition (maxWaiters is ${capacity})`);
    }
    Atomics.store(this.words, FREE, Atomics.load(this.words, nextIndex(slot)));
    Atomics.store(this.words, signalIndex(slot), 0);
    Atomics.store(this.words, nextIndex(slot), NIL);
    const tail = Atomics.load(this.words, TAIL);
    if (tail === NIL) Atomics.store(this.words, HEAD, slot);
    else Atomics.store(this.words, nextIndex(tail), slot);
    Atomics.store(this.words, TAIL, slot);
    Atomics.add(this.words, COUNT, 1);
    return slot;
  }

  /** Blocks until the slot is notified or the deadline passes. Called WITHOUT the lock. */
  sleep(slot: number, deadline: Deadline): void {
    const signal = signalIndex(slot);
    for (let spin = 0; spin < SPINS; spin++) {
      if (Atomics.load(this.words, signal) !== 0) return;
    }
    while (Atomics.load(this.words, signal) === 0) {
      if (!futexWait(this.words, signal, 0, deadline)) return;
    }
  }

  /**
   * Ends a wait: reports whether the slot was notified, unlinks it if it was not (a timeout),
   * and frees it. Lock held.
   */
  leave(slot: number): boolean {
    const notified = Atomics.load(this.words, signalIndex(slot)) !== 0;
    if (!notified) this.unlink(slot);
    Atomics.store(this.words, nextIndex(slot), Atomics.load(this.words, FREE));
    Atomics.store(this.words, FREE, slot);
    return notified;
  }

  /** Wakes the first `n` waiters in FIFO order; returns how many were woken. Lock held. */
  notify(n: number): number {
    let woken = 0;
    while (woken < n) {
      const slot = Atomics.load(this.words, HEAD);
      if (slot === NIL) break;
      this.unlink(slot);
      Atomics.store(this.words, signalIndex(slot), 1);
      Atomics.notify(this.words, signalIndex(slot), 1);
      woken++;
    }
    return woken;
  }

  private unlink(slot: number): void {
    let previous = NIL;
    let current = Atomics.load(this.words, HEAD);
    while (current !== NIL && current !== slot) {
      previous = current;
      current = Atomics.load(this.words, nextIndex(current));
    }
    if (current === NIL) return;
    const next = Atomics.load(this.words, nextIndex(slot));
    if (previous === NIL) Atomics.store(this.words, HEAD, next);
    else Atomics.store(this.words, nextIndex(previous), next);
    if (Atomics.load(this.words, TAIL) === slot) Atomics.store(this.words, TAIL, previous);
    Atomics.sub(this.words, COUNT, 1);
  }
}

function signalIndex(slot: number): number {
  return HEADER_WORDS + SLOT_WORDS * slot;
}

function nextIndex(slot: number): number {
  return HEADER_WORDS + SLOT_WORDS * slot + 1;
}

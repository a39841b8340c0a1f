/**
 * `threading.Event` over shared memory: a flag plus a generation counter that every `set()`
 * bumps. Waiters sleep on the generation word, so a waiter woken by `set()` returns true even if
 * the flag was cleared again before it ran, exactly like CPython (where `wait` returns what the
 * underlying `Condition.wait` returned). Timeouts are in seconds; `null` is Python's None.
 */
import { Deadline, checkTimedWait, futexWait } from '../shared/timeout';

export interface EventHandle {
  readonly kind: 'event';
  /** Int32 words: [flag, generation]. */
  readonly buffer: SharedArrayBuffer;
}

const FLAG = 0;
const GENERATION = 1;

export class Event {
  readonly handle: EventHandle;
  private readonly words: Int32Array;

  /** A new, clear event; pass a handle only to rebuild a shared one (use `attach`). */
  constructor(handle?: EventHandle) {
    this.handle = handle ?? { kind: 'event', buffer: new SharedArrayBuffer(8) };
    this.words = new Int32Array(this.handle.buffer, 0, 2);
  }

  is_set(): boolean {
    return Atomics.load(this.words, FLAG) !== 0;
  }

  /** Sets the flag and wakes every thread waiting now. */
  set(): void {
    // Flag first, generation second: a waiter reads them in the opposite order (see wait).
    Atomics.store(this.words, FLAG, 1);
    Atomics.add(this.words, GENERATION, 1);
    Atomics.notify(this.words, GENERATION);
  }

  clear(): void {
    Atomics.store(this.words, FLAG, 0);
  }

  /**
   * `wait(timeout=None)`: true if the flag is set on entry or a `set()` happened while waiting;
   * false on timeout. A timeout <= 0 (or NaN) does not block.
   */
  wait(timeout: number | null = null): boolean {
    // Reading the generation before the flag means a set() in between changes the generation,
    // so the futex wait below returns at once instead of missing it.
    const generation = Atomics.load(this.words, GENERATION);
    if (Atomics.load(this.words, FLAG) !== 0) return true;
    if (timeout !== null && !(timeout > 0)) return false;
    if (timeout !== null) checkTimedWait(timeout);
    const deadline = Deadline.after(timeout);
    while (Atomics.load(this.words, GENERATION) === generation) {
      if (!futexWait(this.words, GENERATION, generation, deadline)) return false;
    }
    return true;
  }
}

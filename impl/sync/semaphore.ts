/**
 * `threading.Semaphore` and `threading.BoundedSemaphore` over shared memory.
 *
 * The counter itself is the futex word: acquirers decrement it with compare-and-swap and sleep
 * on it while it is 0; release adds and wakes at most `n` sleepers. Like CPython (whose
 * semaphore is a Condition over a Lock), wake-ups are not FIFO and a newcomer may take a unit
 * before a woken waiter does; the woken waiter then sleeps again for the remaining time.
 * Timeouts are in seconds; `null` is Python's None. The counter is an Int32: releasing past
 * 2**31-1 raises CapacityError instead of wrapping.
 */
import { CapacityError, ValueError } from '../errors';
import { Deadline, checkTimedWait, futexWait } from '../shared/timeout';

export interface SemaphoreHandle {
  readonly kind: 'semaphore' | 'bounded-semaphore';
  /** Int32 words: [value, initial value]. */
  readonly buffer: SharedArrayBuffer;
}

const VALUE = 0;
const INITIAL = 1;
const INT32_MAX = 2 ** 31 - 1;

export class Semaphore {
  readonly handle: SemaphoreHandle;
  protected readonly words: Int32Array;

  /** `Semaphore(value=1)`; pass a handle only to rebuild a shared one (use `attach`). */
  constructor(value = 1, handle?: SemaphoreHandle) {
    if (handle === undefined) {
      if (value < 0) throw new ValueError('semaphore initial value must be >= 0');
      if (value > INT32_MAX) throw new CapacityError(`semaphore value is limited to ${INT32_MAX}`);
      const kind = this instanceof BoundedSemaphore ? 'bounded-semaphore' : 'semaphore';
      handle = { kind, buffer: new SharedArrayBuffer(8) };
      const words = new Int32Array(handle.buffer);
      words[VALUE] = value;
      words[INITIAL] = value;
    }
    this.handle = handle;
    this.words = new Int32Array(handle.buffer, 0, 2);
  }

  /**
   * `acquire(blocking=True, timeout=None)`. A timeout <= 0 tries once; a unit that is free is
   * taken whatever the timeout says, as in CPython.
   */
  acquire(blocking = true, timeout: number | null = null): boolean {
    if (!blocking && timeout !== null) {
      throw new ValueError("can't specify timeout for non-blocking acquire");
    }
    if (this.tryTake()) return true;
    if (!blocking || (timeout !== null && timeout <= 0)) return false;
    if (timeout !== null) checkTimedWait(timeout);
    const deadline = Deadline.after(timeout);
    for (;;) {
      if (!futexWait(this.words, VALUE, 0, deadline)) return false;
      if (this.tryTake()) return true;
    }
  }

  /** `release(n=1)`: adds n units and wakes up to n waiters. */
  release(n = 1): void {
    if (n < 1) throw new ValueError('n must be one or more');
    if (!this.addUnits(n, INT32_MAX)) {
      throw new CapacityError(`semaphore value is limited to ${INT32_MAX}`);
    }
    Atomics.notify(this.words, VALUE, n);
  }

  /** Python's `_value`: the units currently available. */
  get value(): number {
    return Atomics.load(this.words, VALUE);
  }

  /** Adds n units unless that would pass `bound`; the check and the add are one atomic step. */
  protected addUnits(n: number, bound: number): boolean {
    let current = Atomics.load(this.words, VALUE);
    for (;;) {
      if (current + n > bound) return false;
      const seen = Atomics.compareExchange(this.words, VALUE, current, current + n);
      if (seen === current) return true;
      current = seen;
    }
  }

  private tryTake(): boolean {
    let current = Atomics.load(this.words, VALUE);
    while (current > 0) {
      const seen = Atomics.compareExchange(this.words, VALUE, current, current - 1);
      if (seen === current) return true;
      current = seen;
    }
    return false;
  }
}

/** `threading.BoundedSemaphore(value=1)`: releasing past the initial value is a ValueError. */
export class BoundedSemaphore extends Semaphore {
  constructor(value = 1, handle?: SemaphoreHandle) {
    super(value, handle);
  }

  /** Raises ValueError("Semaphore released too many times") and changes nothing if n is too many. */
  override release(n = 1): void {
    if (n < 1) throw new ValueError('n must be one or more');
    if (!this.addUnits(n, Atomics.load(this.words, INITIAL))) {
      throw new ValueError('Semaphore released too many times');
    }
    Atomics.notify(this.words, VALUE, n);
  }
}

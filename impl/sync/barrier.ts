/**
 * `threading.Barrier` over shared memory: a line-by-line port of CPython 3.11's pure-Python
 * Barrier (a Condition over a Lock, a state word and a count), with the state in a
 * SharedArrayBuffer. `wait` returns an index in 0..parties-1 unique per generation; a timeout
 * breaks the barrier for everyone (BrokenBarrierError), `abort` breaks it, `reset` repairs it and
 * sends BrokenBarrierError to the threads still waiting. Timeouts are in seconds; `null` is
 * Python's None. CPython's `action` callable is not supported: a function cannot be shared
 * between worker threads.
 */
import { BrokenBarrierError } from '../errors';
import { Condition, type ConditionHandle } from './condition';
import { Lock } from './lock';

export interface BarrierHandle {
  readonly kind: 'barrier';
  readonly condition: ConditionHandle;
  /** Int32 words [state, count, parties, has default timeout], then a Float64 default timeout. */
  readonly buffer: SharedArrayBuffer;
}

// CPython's states: 0 filling, 1 draining, -1 resetting, -2 broken.
const FILLING = 0;
const DRAINING = 1;
const RESETTING = -1;
const BROKEN = -2;

const STATE = 0;
const COUNT = 1;
const PARTIES = 2;
const HAS_TIMEOUT = 3;

export class Barrier {
  readonly handle: BarrierHandle;
  private readonly cond: Condition;
  private readonly words: Int32Array;
  private readonly defaultTimeout: Float64Array;

  /** `Barrier(parties, timeout=None)`; pass a handle only to rebuild a shared one (use `attach`). */
  constructor(parties: number, timeout: number | null = null, handle?: BarrierHandle) {
    if (handle === undefined) {
      const buffer = new SharedArrayBuffer(24);
      const words = new Int32Array(buffer, 0, 4);
      words[PARTIES] = parties;
      words[HAS_TIMEOUT] = timeout === null ? 0 : 1;
      new Float64Array(buffer, 16, 1)[0] = timeout ?? 0;
      handle = { kind: 'barrier', condition: new Condition(new Lock()).handle, buffer };
    }
    this.handle = handle;
    this.cond = Condition.fromHandle(handle.condition);
    this.words = new Int32Array(handle.buffer, 0, 4);
    this.defaultTimeout = new Float64Array(handle.buffer, 16, 1);
  }

  get parties(): number {
    return this.words[PARTIES];
  }

  /** Threads currently waiting in the filling phase. */
  get n_waiting(): number {
    return this.state === FILLING ? this.count : 0;
  }

  get broken(): boolean {
    return this.state === BROKEN;
  }

  /** `wait(timeout=None)`: blocks until `parties` threads have called it; returns this thread's index. */
  wait(timeout: number | null = null): number {
    if (timeout === null && this.words[HAS_TIMEOUT] === 1) timeout = this.defaultTimeout[0];
    return this.locked(() => {
      this.enter();
      const index = this.count;
      this.count = index + 1;
      try {
        if (index + 1 === this.parties) this.releaseAll();
        else this.waitForRelease(timeout);
        return index;
      } finally {
        this.count = this.count - 1;
        this.exit();
      }
    });
  }

  /** Returns the barrier to its empty state; waiting threads get BrokenBarrierError. */
  reset(): void {
    this.locked(() => {
      if (this.count > 0) {
        if (this.state === FILLING || this.state === BROKEN) this.state = RESETTING;
      } else {
        this.state = FILLING;
      }
      this.cond.notify_all();
    });
  }

  /** Breaks the barrier: current and future waits raise BrokenBarrierError until `reset`. */
  abort(): void {
    this.locked(() => this.breakBarrier());
  }

  private enter(): void {
    while (this.state === RESETTING || this.state === DRAINING) this.cond.wait();
    if (this.state < 0) throw new BrokenBarrierError();
  }

  private releaseAll(): void {
    this.state = DRAINING;
    this.cond.notify_all();
  }

  private waitForRelease(timeout: number | null): void {
    if (!this.cond.wait_for(() => this.state !== FILLING, timeout)) {
      this.breakBarrier();
      throw new BrokenBarrierError();
    }
    if (this.state < 0) throw new BrokenBarrierError();
  }

  /** The last thread out ends the draining or resetting phase and lets the next generation in. */
  private exit(): void {
    if (this.count === 0 && (this.state === RESETTING || this.state === DRAINING)) {
      this.state = FILLING;
      this.cond.notify_all();
    }
  }

  private breakBarrier(): void {
    this.state = BROKEN;
    this.cond.notify_all();
  }

  private locked<T>(body: () => T): T {
    this.cond.acquire();
    try {
      return body();
    } finally {
      this.cond.release();
    }
  }

  private get state(): number {
    return Atomics.load(this.words, STATE);
  }

  private set state(value: number) {
    Atomics.store(this.words, STATE, value);
  }

  private get count(): number {
    return Atomics.load(this.words, COUNT);
  }

  private set count(value: number) {
    Atomics.store(this.words, COUNT, value);
  }
}

/**
 * The shared memory through which actors of one run coordinate with each other and with the
 * main thread without messages: a worker blocked in Atomics.wait cannot read its message port,
 * so starting, joining and cancelling an actor all go through these words.
 *
 * Layout: a BigInt64 holding the scenario's start instant (process.hrtime.bigint(), the same
 * monotonic clock in every thread of the process), then one Int32 state word per actor.
 */

export const ActorState = {
  /** Not started yet: the worker is parked on its state word. */
  NEW: 0,
  RUNNING: 1,
  DONE: 2,
  /** Never started and the run is over: the parked worker returns to the pool without running. */
  CANCELLED: 3,
} as const;

export type ActorStateValue = (typeof ActorState)[keyof typeof ActorState];

const STATES_OFFSET = 8;

export class ControlBlock {
  private readonly start: BigInt64Array;
  private readonly states: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.start = new BigInt64Array(buffer, 0, 1);
    this.states = new Int32Array(buffer, STATES_OFFSET);
  }

  static create(actorCount: number): ControlBlock {
    return new ControlBlock(new SharedArrayBuffer(STATES_OFFSET + 4 * Math.max(1, actorCount)));
  }

  get startTime(): bigint {
    return Atomics.load(this.start, 0);
  }

  set startTime(t: bigint) {
    Atomics.store(this.start, 0, t);
  }

  state(actor: number): ActorStateValue {
    return Atomics.load(this.states, actor) as ActorStateValue;
  }

  /** Moves an actor from `from` to `to` only if it is in `from`; returns whether it did. */
  transition(actor: number, from: ActorStateValue, to: ActorStateValue): boolean {
    const previous = Atomics.compareExchange(this.states, actor, from, to);
    if (previous !== from) return false;
    Atomics.notify(this.states, actor);
    return true;
  }

  markDone(actor: number): void {
    Atomics.store(this.states, actor, ActorState.DONE);
    Atomics.notify(this.states, actor);
  }

  /** Parks the calling worker until the actor leaves NEW; returns the new state. */
  awaitStart(actor: number): ActorStateValue {
    while (this.state(actor) === ActorState.NEW) Atomics.wait(this.states, actor, ActorState.NEW);
    return this.state(actor);
  }

  /**
   * Waits until the actor is no longer RUNNING, at most `timeoutMs` (Infinity: forever).
   * Returns whether it stopped running.
   */
  awaitNotRunning(actor: number, timeoutMs: number): boolean {
    const until = timeoutMs === Infinity ? Infinity : performance.now() + timeoutMs;
    for (;;) {
      if (this.state(actor) !== ActorState.RUNNING) return true;
      const left = until - performance.now();
      if (left <= 0) return false;
      Atomics.wait(this.states, actor, ActorState.RUNNING, left);
    }
  }
}

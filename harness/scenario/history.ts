import type { Json } from './model';

/**
 * Recorded histories follow Jepsen/Knossos: every operation is an `invoke` followed by exactly
 * one completion, `ok` (returned), `fail` (raised a normalised error: it certainly took no
 * effect, or its effect is the error), or `info` (never completed: indeterminate, e.g. still
 * blocked when the deadline passed). Checkers are pure functions over these arrays.
 */
export type EventType = 'invoke' | 'ok' | 'fail' | 'info';

/**
 * Error names are normalised across languages so checkers compare strings, not classes.
 * `Timeout` is for implementations that signal a timeout by raising (Python mostly returns False).
 */
export type ErrorName =
  | 'Full'
  | 'Empty'
  | 'ValueError'
  | 'RuntimeError'
  | 'TypeError'
  | 'Timeout'
  | 'BrokenBarrierError'
  | 'AssertionError'
  | 'NotSupported'
  | (string & {});

export interface HistoryEvent {
  type: EventType;
  /** The actor (Jepsen's :process). */
  actor: string;
  /** The operation name (Jepsen's :f), e.g. `acquire`, `put`, `sleep`, `mark`. */
  f: string;
  /** The shared object or the actor the operation is about. */
  target?: string;
  /** Arguments as given in the scenario (invoke events) */
  args?: { [key: string]: Json };
  /** Return value (ok events), or the label's value for marks. */
  value?: Json;
  /** Normalised error name (fail events). */
  error?: ErrorName;
  /** Human-readable detail of the error or the indeterminate outcome. */
  message?: string;
  /** Milliseconds since the scenario began, from a monotonic clock shared by all actors. */
  time: number;
  /** Position of the op in the actor's program: indices into nested `repeat` bodies. */
  path: number[];
}

/** An invocation paired with its completion, the unit most checkers reason about. */
export interface Operation {
  actor: string;
  f: string;
  target?: string;
  args?: { [key: string]: Json };
  path: number[];
  invokeTime: number;
  /** Absent for operations that never completed (`info`, or history cut at a deadline). */
  returnTime?: number;
  outcome: 'ok' | 'fail' | 'info' | 'pending';
  value?: Json;
  error?: ErrorName;
  message?: string;
}

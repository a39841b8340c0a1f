/**
 * The contract between histories, sequential models and the linearizability search.
 * A model is a pure function of (state, input, output): the search only ever asks whether one
 * operation with its observed output may take effect next, so models never see time or actors.
 */

/** One operation of a concurrent history, on the clock of the history (milliseconds). */
export interface LinOperation {
  /** Unique within one check; `order` and `window` name operations by it. */
  id: number;
  actor: string;
  input: unknown;
  output: unknown;
  call: number;
  /** `Infinity` when it never returned: it may or may not have taken effect. */
  return: number;
}

/**
 * A sequential specification. `step` returns the state after `input` produced `output`, or
 * `undefined` when the sequential object could not have produced that output from `state`.
 * For an operation that never returned, the output is unknown (see `isUnknownOutput`): `step`
 * returns the state after the operation took effect, or `undefined` if it could not; the search
 * itself covers "it never took effect" by leaving the operation out.
 * `hash` must be canonical: equal strings mean equal states (the memo trusts it).
 */
export interface SequentialModel<S> {
  name: string;
  init(): S;
  step(state: S, input: unknown, output: unknown): S | undefined;
  hash(state: S): string;
  /**
   * Splits the operations into independent sub-histories (P-compositionality): the history is
   * linearizable iff every part is. Absent: the history is one part.
   */
  partition?(ops: LinOperation[]): LinOperation[][];
  describeOperation?(op: LinOperation): string;
  /**
   * A violation certain from the history alone, found without searching (optional, for
   * patterns the search could only conclude after exhausting every earlier interleaving).
   */
  refute?(ops: readonly LinOperation[]): { window: LinOperation[]; explanation: string } | undefined;
  /** For explanations: the state the longest linearizable prefix left behind. */
  describeState?(state: S): string;
}

export interface LinBudget {
  /** Search steps (tries of one operation) over all parts; default 2,000,000. */
  maxSteps?: number;
  /** Wall-clock milliseconds; default 10,000. */
  maxMs?: number;
}

export type LinResult =
  /** `order`: ids in one linearization; pending operations that took no effect are left out. */
  | { verdict: 'linearizable'; order: number[] }
  /**
   * `window`: the operations around where the longest linearizable prefix stops: the ones that
   * could have come next and none could, plus the linearized ones overlapping them in time.
   */
  | { verdict: 'not-linearizable'; window: LinOperation[]; explanation: string }
  | { verdict: 'unknown'; reason: string };

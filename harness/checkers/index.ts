/**
 * Checkers: pure functions over recorded histories (Jepsen-style invoke/ok/fail/info events,
 * harness/scenario/history.ts). Each `check*` returns a `Judgement` ({ ok, message, evidence })
 * whose message names actors, times and values, and refuses a malformed history outright.
 * Intervals are always the ones the history guarantees and overlap is strict, so a coarse or
 * noisy clock can hide a violation but never invent one.
 *
 * - operations.ts      pairing events into Operations; malformed histories (completion without
 *                      invoke, two invokes outstanding, time going backwards, mismatched completion)
 * - intervals.ts       Interval, overlap, happenedBefore, mark/operation/actor-run intervals,
 *                      serial vs overlapping (checkSerial, checkOverlapping, checkActors*)
 * - holds.ts           holding intervals of Lock / RLock (re-entrant counts) / Semaphore, with
 *                      Condition.wait releasing the lock; holdSpecFor reads the scenario
 * - mutual-exclusion.ts  no overlapping holds (checkMutualExclusion), or marked critical sections
 * - concurrency.ts     peak number of open intervals: at most N and N reached (semaphores, marks)
 * - ordering.ts        FIFO / LIFO / priority order from real-time order, and item conservation
 * - errors.ts          finding operations; expected error names and return values
 * - blocking.ts        "returned only after X" / "returned before X"; timeouts waited long enough
 * - deadlock.ts        wait-for graph of a run cut by its deadline; cycles, all-blocked
 * - lock-exclusion.ts  Lock exclusion when any actor may release (no guessing whose hold ended)
 * - cpython-lock-model.ts  the Lock model with CPython's foreign-release race allowed
 * - count-bound.ts     "never more X than Y": releases vs acquires, task_done vs puts
 * - event-flag.ts      wait/is_set answers against the sets and clears the history proves
 * - queue-capacity.ts  a bounded queue never certainly holds more than maxsize items
 * - queue-join.ts      join returns only after task_done for every earlier item
 * - histogram.ts       outcome histograms for racy claims, graded by OutcomeGrading
 * - json-values.ts     canonical keys, structural equality, Python ordering of JSON values
 * - describe.ts        the shared wording of messages and evidence
 * - linearizability/   Wing–Gong / Porcupine-style linearizability search against sequential
 *                      models (queues, lock, semaphore, event), with failing windows
 */

export * from './operations';
export * from './intervals';
export * from './holds';
export * from './mutual-exclusion';
export * from './concurrency';
export * from './ordering';
export * from './errors';
export * from './blocking';
export * from './deadlock';
export * from './histogram';
export * from './count-bound';
export * from './lock-exclusion';
export * from './cpython-lock-model';
export * from './event-flag';
export * from './queue-capacity';
export * from './queue-join';
export * from './json-values';
export * from './describe';
export * from './linearizability';

/**
 * Linearizability checking in the manner of Porcupine / Knossos: a Wing–Gong search over the
 * history's call/return entries, memoising visited (linearized set, model state) pairs, after
 * splitting the history into independent parts where the model allows (P-compositionality).
 *
 * API refinements over the agreed skeleton (names kept):
 * - `operationsFromHistory` takes the recorded `HistoryEvent[]` (ScenarioResult.history) and
 *   produces operations whose `input` is a `CallInput` (f, target, args) and whose `output` is a
 *   `CallOutput` (outcome, value, error); every model here reads those shapes. Operations that
 *   never completed (`info`, or cut at the deadline) get `return: Infinity` and output
 *   `{ outcome: 'unknown' }`.
 * - `SequentialModel` has an optional `describeState`, used in explanations, and an optional
 *   `refute` for violations certain without searching (the FIFO models use it for order
 *   violations between distinct items, which the search could only find after exhausting every
 *   earlier interleaving).
 * - `models.boundedQueue(maxsize, discipline?)` takes the queue discipline (fifo, lifo,
 *   priority), so bounded LIFO and priority queues are covered too; `models.keyed(model)` checks
 *   several objects of one kind at once, one part per target.
 * - `linearizabilityJudgement` turns a result into the harness's `Judgement` for reporters.
 *
 * Files: types.ts (contract), search.ts (one part), check.ts (parts, budget, merged order),
 * linearized-set.ts (bitset with an incremental hash), window.ts (failing window),
 * describe-operation.ts, history.ts (events to operations), judgement.ts, models/ (one
 * sequential model per file; queue-core.ts holds what the queue disciplines share).
 */
export type { LinOperation, SequentialModel, LinResult, LinBudget } from './types';
export { checkLinearizability } from './check';
export { operationsFromHistory, isUnknownOutput, type CallInput, type CallOutput } from './history';
export { linearizabilityJudgement } from './judgement';
export { models } from './models';

import { checkLinearizability, operationsFromHistory, type LinOperation, type LinResult, type SequentialModel } from '../../../harness/checkers/linearizability';
import type { HistoryEvent } from '../../../harness/scenario/history';

/** Checks the operations on `target` of a hand-written history. */
export function check<S>(model: SequentialModel<S>, events: HistoryEvent[], target: string | string[] = 'q'): LinResult {
  return checkLinearizability(operationsFromHistory(events, target), model);
}

export function verdictOf<S>(model: SequentialModel<S>, events: HistoryEvent[], target: string | string[] = 'q'): LinResult['verdict'] {
  return check(model, events, target).verdict;
}

/**
 * Whether `order` is a linearization of `ops` under `model`: every completed operation once,
 * real-time order kept, and the model accepts each step from its initial state.
 */
export function isValidLinearization<S>(ops: readonly LinOperation[], model: SequentialModel<S>, order: readonly number[]): boolean {
  const byId = new Map(ops.map((op) => [op.id, op]));
  const placed = order.map((id) => byId.get(id));
  if (placed.some((op) => op === undefined) || new Set(order).size !== order.length) return false;
  if (ops.some((op) => Number.isFinite(op.return) && !order.includes(op.id))) return false;
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      if ((placed[j] as LinOperation).return < (placed[i] as LinOperation).call) return false;
    }
  }
  let state: S | undefined = model.init();
  for (const op of placed as LinOperation[]) {
    state = model.step(state, op.input, op.output);
    if (state === undefined) return false;
  }
  return true;
}

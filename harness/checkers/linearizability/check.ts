import { searchPart, type SearchBudget } from './search';
import { failingWindow } from './window';
import type { LinBudget, LinOperation, LinResult, SequentialModel } from './types';

export const DEFAULT_MAX_STEPS = 2_000_000;
export const DEFAULT_MAX_MS = 10_000;

function validate(ops: readonly LinOperation[]): void {
  const ids = new Set<number>();
  for (const op of ops) {
    if (ids.has(op.id)) throw new RangeError(`operation id ${op.id} appears twice`);
    ids.add(op.id);
    if (!Number.isFinite(op.call) || Number.isNaN(op.return) || op.return < op.call) {
      throw new RangeError(`operation ${op.id} by ${op.actor}: call ${op.call} and return ${op.return} are not an interval`);
    }
  }
}

/**
 * A linearization point for each operation of one part's order that respects both the order
 * and the operation's interval: the latest call so far. It lies within the operation's interval
 * because no operation ordered earlier was called after this one returned.
 */
function pointsOf(part: readonly LinOperation[], order: readonly number[]): { op: LinOperation; point: number }[] {
  let point = -Infinity;
  return order.map((i) => {
    const op = part[i] as LinOperation;
    point = Math.max(point, op.call);
    return { op, point };
  });
}

/**
 * Decides whether the history has a linearization under `model`. Parts from `model.partition`
 * are searched independently (locality); their orders are merged by linearization points into
 * one order of the whole history.
 */
export function checkLinearizability<S>(ops: readonly LinOperation[], model: SequentialModel<S>, budget: LinBudget = {}): LinResult {
  validate(ops);
  const shared: SearchBudget = {
    steps: 0,
    maxSteps: budget.maxSteps ?? DEFAULT_MAX_STEPS,
    deadline: Date.now() + (budget.maxMs ?? DEFAULT_MAX_MS),
  };
  const parts = model.partition ? model.partition([...ops]) : [[...ops]];
  const placed: { op: LinOperation; point: number; part: number }[] = [];
  for (const [p, part] of parts.entries()) {
    const refuted = model.refute?.(part);
    if (refuted !== undefined) return { verdict: 'not-linearizable', ...refuted };
    let outcome = searchPart(part, model, shared, false);
    if (outcome.kind === 'not-linearizable') outcome = searchPart(part, model, shared, true);
    if (outcome.kind === 'budget') return { verdict: 'unknown', reason: `${model.name}: ${outcome.reason}` };
    if (outcome.kind === 'not-linearizable') {
      return { verdict: 'not-linearizable', ...failingWindow(part, model, outcome.longest, outcome.state) };
    }
    for (const placedOp of pointsOf(part, outcome.order)) placed.push({ ...placedOp, part: p });
  }
  // Stable sort: within a part, equal points keep the part's order.
  placed.sort((a, b) => a.point - b.point || a.part - b.part);
  return { verdict: 'linearizable', order: placed.map((x) => x.op.id) };
}

import type { HistoryEvent, Operation } from '../scenario/history';
import type { Judgement } from '../../spec/claim';
import { describeOperation, operationToJson } from './describe';
import { findOperations, type OperationSelector } from './errors';
import { judgeOperations } from './operations';

/**
 * "Never more X than Y": a Lock or BoundedSemaphore is never released more often than it was
 * acquired, task_done never succeeds more often than items were put. Sound under concurrency:
 * the k-th successful X (by return) must have at least k Ys invoked before it returned, since
 * any Y that took effect in time was invoked by then.
 */

export interface CountBound {
  /** The operations that must not outnumber `by` (successful ones are counted). */
  counted: OperationSelector;
  by: OperationSelector;
  /** "releases of lk" */
  countedName: string;
  /** "successful acquires" */
  byName: string;
}

export function checkCountBound(history: readonly HistoryEvent[], bound: CountBound): Judgement {
  return judgeOperations(history, (ops) => {
    const counted = findOperations(ops, bound.counted).filter((o) => o.outcome === 'ok').sort((a, b) => a.returnTime! - b.returnTime!);
    const by = findOperations(ops, bound.by);
    for (const [i, op] of counted.entries()) {
      const before: Operation[] = by.filter((b) => b.invokeTime < op.returnTime!);
      if (before.length < i + 1) {
        return {
          ok: false,
          message: `${bound.countedName} outnumber ${bound.byName}: ${describeOperation(op)} is success number ${i + 1}, with only ${before.length} of ${bound.byName} begun by then`,
          evidence: { excess: operationToJson(op), successes: i + 1, bound: before.length },
        };
      }
    }
    return { ok: true, message: `${counted.length} of ${bound.countedName}, never more than ${bound.byName} (${by.length})` };
  });
}

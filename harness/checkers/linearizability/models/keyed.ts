import type { CallInput } from '../history';
import type { LinOperation, SequentialModel } from '../types';

/**
 * Several independent objects of one kind (every queue of a scenario, say) checked at once: the
 * state of one object never constrains another, so by locality each object's operations are
 * searched alone (one part per `target`), which keeps the search small.
 */
export function keyed<S>(model: SequentialModel<S>): SequentialModel<S> {
  return {
    ...model,
    name: `${model.name} per object`,
    partition(ops: LinOperation[]): LinOperation[][] {
      const parts = new Map<string, LinOperation[]>();
      for (const op of ops) {
        const key = (op.input as CallInput | undefined)?.target ?? '';
        const part = parts.get(key) ?? [];
        part.push(op);
        parts.set(key, part);
      }
      return [...parts.values()];
    },
  };
}

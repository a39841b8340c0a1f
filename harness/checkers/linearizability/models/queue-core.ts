import type { Json } from '../../../scenario/model';
import { formatValue, valueKey } from '../../json-values';
import type { LinOperation, SequentialModel } from '../types';
import { callOf, raised } from './call-shape';

/** Items in the discipline's own layout (a FIFO's arrival order, a heap's array). */
export type QueueState = readonly Json[];

/** Which item a get takes: all the disciplines differ in, the Full/Empty rules are shared. */
export interface QueueDiscipline {
  readonly name: string;
  /** `undefined` when the item cannot be added (a priority queue's `<` raising TypeError). */
  put(items: QueueState, item: Json): QueueState | undefined;
  /** The item a get returns and the items left (the queue is not empty); `undefined` if it raises. */
  take(items: QueueState): { item: Json; rest: QueueState } | undefined;
  /** A certain violation of this discipline found without searching (SequentialModel.refute). */
  refute?(ops: readonly LinOperation[], model: SequentialModel<unknown>): { window: LinOperation[]; explanation: string } | undefined;
}

/**
 * Python's queue.Queue and its subclasses as a sequential object: `maxsize <= 0` is unbounded.
 * A put that raised Full (put_nowait, block=False, or a timeout) linearizes where the queue was
 * full, a get that raised Empty where it was empty: CPython checks under the queue's mutex
 * immediately before raising. task_done and join_queue are outside the model (they touch only
 * the unfinished-task count) and are accepted anywhere.
 */
export function queueModel(discipline: QueueDiscipline, maxsize = 0): SequentialModel<QueueState> {
  const isFull = (items: QueueState) => maxsize > 0 && items.length >= maxsize;
  const model: SequentialModel<QueueState> = {
    name: maxsize > 0 ? `${discipline.name} (maxsize ${maxsize})` : discipline.name,
    init: () => [],
    hash: (items) => items.map(valueKey).join(','),
    ...(discipline.refute ? { refute: (ops: readonly LinOperation[]) => discipline.refute?.(ops, model as SequentialModel<unknown>) } : {}),
    describeState: (items) => (items.length === 0 ? 'empty' : `holding ${formatValue(items as Json[], 80)}`),
    step(items, input, output) {
      const { f, args, out } = callOf(input, output);
      switch (f) {
        case 'put':
        case 'put_nowait':
          if (raised(out, 'Full')) return isFull(items) ? items : undefined;
          if (out.outcome === 'fail' || isFull(items)) return undefined;
          return discipline.put(items, args['item'] as Json);
        case 'get':
        case 'get_nowait': {
          if (raised(out, 'Empty')) return items.length === 0 ? items : undefined;
          if (out.outcome === 'fail' || items.length === 0) return undefined;
          const taken = discipline.take(items);
          if (taken === undefined || (out.outcome === 'ok' && valueKey(out.value) !== valueKey(taken.item))) return undefined;
          return taken.rest;
        }
        case 'qsize':
          return out.outcome === 'unknown' || (out.outcome === 'ok' && out.value === items.length) ? items : undefined;
        case 'empty':
          return out.outcome === 'unknown' || (out.outcome === 'ok' && out.value === (items.length === 0)) ? items : undefined;
        case 'full':
          return out.outcome === 'unknown' || (out.outcome === 'ok' && out.value === isFull(items)) ? items : undefined;
        case 'task_done':
        case 'join_queue':
          return items;
        default:
          return undefined;
      }
    },
  };
  return model;
}

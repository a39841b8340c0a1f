import type { Json } from '../../../scenario/model';
import { heappop, heappush } from '../../../../impl/shared/heapq';
import { pythonLessThan } from '../../../../impl/shared/python-order';
import { queueModel, type QueueDiscipline } from './queue-core';

const lessThan = (a: Json, b: Json) => pythonLessThan(a, b);

/** Items Python cannot order (`<` raises TypeError) cannot be put or taken in the model. */
function unlessTypeError<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}

/**
 * queue.PriorityQueue: the state is the heap array itself, kept by the same heappush/heappop as
 * CPython's C heapq (impl/shared/heapq.ts), so among items that compare equal but are not the
 * same JSON (1 and true, 1 and 1.0 as recorded) the model returns the one CPython would.
 */
export const PRIORITY: QueueDiscipline = {
  name: 'priority queue',
  put: (items, item) =>
    unlessTypeError(() => {
      const heap = [...items];
      heappush(heap, item, lessThan);
      return heap;
    }),
  take: (items) =>
    unlessTypeError(() => {
      const heap = [...items];
      const item = heappop(heap, lessThan);
      return { item, rest: heap };
    }),
};

export const priorityQueue = queueModel(PRIORITY);

import { queueModel, type QueueDiscipline } from './queue-core';

/** queue.LifoQueue: a get returns the item put last. */
export const LIFO: QueueDiscipline = {
  name: 'LIFO queue',
  put: (items, item) => [...items, item],
  take: (items) => ({ item: items[items.length - 1] ?? null, rest: items.slice(0, -1) }),
};

export const lifoQueue = queueModel(LIFO);

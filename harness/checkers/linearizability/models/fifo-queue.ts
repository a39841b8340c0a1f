import { refuteFifoOrder } from './fifo-refutation';
import { queueModel, type QueueDiscipline } from './queue-core';

/** queue.Queue: gets return items in the order they were put. */
export const FIFO: QueueDiscipline = {
  name: 'FIFO queue',
  put: (items, item) => [...items, item],
  take: (items) => ({ item: items[0] ?? null, rest: items.slice(1) }),
  refute: refuteFifoOrder,
};

export const fifoQueue = queueModel(FIFO);

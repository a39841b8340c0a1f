import { boundedQueue } from './bounded-queue';
import { event } from './event';
import { fifoQueue, FIFO } from './fifo-queue';
import { keyed } from './keyed';
import { lifoQueue, LIFO } from './lifo-queue';
import { lock } from './lock';
import { priorityQueue, PRIORITY } from './priority-queue';
import { semaphore } from './semaphore';

export type { QueueDiscipline, QueueState } from './queue-core';

/** The sequential models, one per file; `disciplines` for bounded LIFO / priority queues. */
export const models = {
  fifoQueue,
  lifoQueue,
  priorityQueue,
  boundedQueue,
  lock,
  semaphore,
  event,
  keyed,
  disciplines: { fifo: FIFO, lifo: LIFO, priority: PRIORITY },
} as const;

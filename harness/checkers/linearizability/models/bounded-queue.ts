import { FIFO } from './fifo-queue';
import { queueModel, type QueueDiscipline, type QueueState } from './queue-core';
import type { SequentialModel } from '../types';

/**
 * queue.Queue(maxsize) (or a LifoQueue / PriorityQueue given its discipline): blocking puts and
 * gets linearize where there is room or an item; put_nowait / get_nowait, block=False and
 * timeouts raise Full / Empty only where the queue is full / empty.
 */
export function boundedQueue(maxsize: number, discipline: QueueDiscipline = FIFO): SequentialModel<QueueState> {
  if (!(Number.isInteger(maxsize) && maxsize >= 1)) throw new RangeError(`a bounded queue needs maxsize >= 1, got ${maxsize}`);
  return queueModel(discipline, maxsize);
}

/**
 * asyncio's synchronisation primitives (CPython 3.11 semantics) for tasks on one Node event
 * loop. Waiting methods return Promises and take `{ signal, timeout }` (WaitOptions) in place
 * of Task.cancel() and asyncio.wait_for().
 */
export { Lock } from './lock';
export { Semaphore } from './semaphore';
export { BoundedSemaphore } from './bounded-semaphore';
export { Event } from './event';
export { Condition } from './condition';
export { Barrier } from './barrier';
export { Queue } from './queue';
export { LifoQueue } from './lifo-queue';
export { PriorityQueue } from './priority-queue';
export { waitFor } from './wait-for';
export type { WaitOptions } from './cancel-scope';
export { CancelledError, TimeoutError } from './cancellation-errors';
export { pythonLessThan as pyLessThan, pythonEquals as pyEquals, type PyValue } from '../shared/python-order';

/** Public API of the reference implementation. */
export {
  BrokenBarrierError,
  CapacityError,
  Empty,
  Full,
  OverflowError,
  RuntimeError,
  ValueError,
} from './errors';
export { TIMEOUT_MAX } from './shared/timeout';
export { Lock, type LockHandle } from './sync/lock';
export { RLock, type RLockHandle } from './sync/rlock';
export { Semaphore, BoundedSemaphore, type SemaphoreHandle } from './sync/semaphore';
export { Event, type EventHandle } from './sync/event';
export { Condition, type ConditionHandle, type ConditionOptions } from './sync/condition';
export { Barrier, type BarrierHandle } from './sync/barrier';
export {
  Queue,
  LifoQueue,
  PriorityQueue,
  JoinableQueue,
  type QueueHandle,
  type QueueKind,
  type QueueOptions,
} from './queue/queue';
export { pythonLessThan, pythonEquals, pythonTypeName } from './shared/python-order';
export {
  attach,
  type PrimitiveHandle,
  type PrimitiveKind,
  type PrimitiveOfKind,
  type SharedPrimitive,
} from './shared/attach';
export {
  WORKER_BOOTSTRAP_PATH,
  startTsWorker,
  tsWorkerData,
  type TsWorkerData,
} from './shared/worker-bootstrap';

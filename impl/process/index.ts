/**
 * The process-level API of the reference implementation (multiprocessing's semantics, CPython
 * 3.11): real child processes, and shared objects that work across them. Every method that can
 * wait returns a promise. See docs/reference-implementation.md.
 */
export { Process, current_process, active_children, cpu_count, get_start_method, get_all_start_methods, type ProcessOptions } from './process';
export { runMain } from './run-main';
export { shareModule } from './target-ref';
export { Lock, RLock, withLock } from './lock';
export { Semaphore, BoundedSemaphore } from './semaphore';
export { Event } from './event';
export { Queue, JoinableQueue } from './queue';
export { Value } from './value';
export { attachShared, connectShared, forgetShared, isSharedObject, type SharedHandle, SharedObject } from './shared-object';
export { encodeValue, decodeValue } from './transfer';
export { InvalidStateError, AssertionError, EOFError, OSError, ConnectionRefusedError, PicklingError, TimeoutError, CancelledError, WorkerLostError } from './errors';
export { Pool, type ApplyOptions } from './pool';
export { AsyncResult } from './async-result';
export { Future } from './future';
export { ProcessPoolExecutor } from './process-pool-executor';
export { ThreadPoolExecutor, defaultThreadWorkers } from './thread-pool-executor';
export { registerAtExit } from './at-exit';
export { Pipe, Connection } from './pipe';
export { Manager, SyncManager, ListProxy, DictProxy, NamespaceProxy, ArrayProxy, ConditionProxy, BarrierProxy } from './manager';

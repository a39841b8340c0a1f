/**
 * What the benchmark's main thread and its worker threads (bench-worker.ts) agree on: the data
 * each worker starts with, the shared control words that start and stop rounds, the messages a
 * worker posts, and the clock both sides read.
 *
 * A team of workers is started once per figure and runs several rounds, so worker start-up
 * (hundreds of ms: tsx compiles the modules) is never timed and later rounds run JIT-warm code.
 * Rounds are driven through shared memory rather than messages because a worker inside a
 * benchmark loop is blocked in Atomics.wait or spinning and never returns to its event loop.
 */
import { performance } from 'node:perf_hooks';
import type { LockHandle, QueueHandle } from '../impl';

/** Int32 indices into `WorkerDataBase.control`. */
export const CONTROL_ROUND = 0; // the round workers may start; bumped by the main thread
export const CONTROL_STOP = 1; // the last round told to stop (duration-bound rounds only)
export const CONTROL_WORDS = 2;

interface WorkerDataBase {
  /** CONTROL_WORDS Int32 words, shared by the whole team. */
  control: SharedArrayBuffer;
  /** Rounds to run before exiting (warm-up rounds included). */
  rounds: number;
}

/**
 * Loops acquire / increment a shared counter / release until told to stop. `cells` holds a
 * Float64 counter at byte 0 and an Int32 "last holder" at byte 8, both touched only under `lock`.
 */
export interface LockLoopData extends WorkerDataBase {
  role: 'lock-loop';
  lock: LockHandle;
  cells: SharedArrayBuffer;
  /** Distinguishes the workers of one team in the "last holder" cell (>= 1). */
  holderId: number;
}

/** Puts the ints 0..items-1 on the queue each round. */
export interface QueueProducerData extends WorkerDataBase {
  role: 'queue-producer';
  queue: QueueHandle;
  items: number;
}

/** Gets `items` items each round and reports when the last one arrived. */
export interface QueueConsumerData extends WorkerDataBase {
  role: 'queue-consumer';
  queue: QueueHandle;
  items: number;
}

export type BenchWorkerData = LockLoopData | QueueProducerData | QueueConsumerData;

export interface LockLoopResult {
  role: 'lock-loop';
  acquisitions: number;
  /** Acquisitions that took the lock from the other worker (the previous holder was not us). */
  ownerChanges: number;
}

export interface QueueProducerResult {
  role: 'queue-producer';
  put: number;
}

export interface QueueConsumerResult {
  role: 'queue-consumer';
  got: number;
  /** Sum of the items received: proves every item arrived once. */
  sum: number;
  /** `absoluteNowMs()` right after the last get. */
  finishedAtMs: number;
}

export type BenchWorkerResult = LockLoopResult | QueueProducerResult | QueueConsumerResult;

export type BenchWorkerMessage = { type: 'ready' } | { type: 'result'; round: number; result: BenchWorkerResult };

/**
 * Milliseconds on a clock that all threads of the process share: each worker has its own
 * `performance.timeOrigin`, so `performance.now()` alone is not comparable across threads.
 */
export function absoluteNowMs(): number {
  return performance.timeOrigin + performance.now();
}

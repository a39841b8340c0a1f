/**
 * The body of every benchmark worker thread (started through impl's tsx worker bootstrap).
 * Each round: wait until the main thread opens it, run the role's loop, post the result.
 * The loops mirror bench/python_baseline.py line for line, so both sides pay for the same work.
 */
import { parentPort } from 'node:worker_threads';
import { attach, tsWorkerData } from '../impl';
import {
  CONTROL_ROUND,
  CONTROL_STOP,
  absoluteNowMs,
  type BenchWorkerData,
  type BenchWorkerMessage,
  type BenchWorkerResult,
  type LockLoopData,
  type LockLoopResult,
  type QueueConsumerData,
  type QueueConsumerResult,
  type QueueProducerData,
  type QueueProducerResult,
} from './worker-protocol';

const data = tsWorkerData<BenchWorkerData>();
const control = new Int32Array(data.control);

function post(message: BenchWorkerMessage): void {
  parentPort!.postMessage(message);
}

function waitForRound(round: number): void {
  let current = Atomics.load(control, CONTROL_ROUND);
  while (current < round) {
    Atomics.wait(control, CONTROL_ROUND, current);
    current = Atomics.load(control, CONTROL_ROUND);
  }
}

/** Attaches the role's primitives once, outside every timed round. */
function lockLoop(spec: LockLoopData): (round: number) => LockLoopResult {
  const lock = attach(spec.lock);
  const counter = new Float64Array(spec.cells, 0, 1);
  const lastHolder = new Int32Array(spec.cells, 8, 1);
  const me = spec.holderId;
  return (round) => {
    let acquisitions = 0;
    let ownerChanges = 0;
    while (Atomics.load(control, CONTROL_STOP) < round) {
      lock.acquire();
      // Plain, non-atomic read-modify-write: only the lock keeps it exact.
      counter[0] = counter[0] + 1;
      if (lastHolder[0] !== me) {
        lastHolder[0] = me;
        ownerChanges++;
      }
      lock.release();
      acquisitions++;
    }
    return { role: 'lock-loop', acquisitions, ownerChanges };
  };
}

function producer(spec: QueueProducerData): () => QueueProducerResult {
  const queue = attach(spec.queue);
  return () => {
    for (let i = 0; i < spec.items; i++) queue.put(i);
    return { role: 'queue-producer', put: spec.items };
  };
}

function consumer(spec: QueueConsumerData): () => QueueConsumerResult {
  const queue = attach(spec.queue);
  return () => {
    let sum = 0;
    for (let i = 0; i < spec.items; i++) sum += queue.get() as number;
    const finishedAtMs = absoluteNowMs();
    return { role: 'queue-consumer', got: spec.items, sum, finishedAtMs };
  };
}

function roundRunner(spec: BenchWorkerData): (round: number) => BenchWorkerResult {
  switch (spec.role) {
    case 'lock-loop':
      return lockLoop(spec);
    case 'queue-producer':
      return producer(spec);
    case 'queue-consumer':
      return consumer(spec);
  }
}

const runRound = roundRunner(data);
post({ type: 'ready' });
for (let round = 1; round <= data.rounds; round++) {
  waitForRound(round);
  post({ type: 'result', round, result: runRound(round) });
}

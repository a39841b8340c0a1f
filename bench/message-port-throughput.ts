/**
 * The Node baseline for the queue: the same ints as queue-throughput.ts, posted from one worker
 * to another over a MessageChannel. Timed like the queue: from the main thread's go to the
 * moment the consumer holds the last item.
 */
import * as path from 'node:path';
import { MessageChannel, type Worker } from 'node:worker_threads';
import { startTsWorker } from '../impl';
import type { PortRoundResult, PortWorkerData } from './message-port-worker';
import { absoluteNowMs } from './worker-protocol';

const WORKER_MODULE = path.join(__dirname, 'message-port-worker.ts');

export interface PortBenchOptions {
  items: number;
  repetitions: number;
  warmupRounds: number;
  deadlineMs: number;
}

function nextMessage<T>(worker: Worker, deadlineMs: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`message-port baseline: no ${what} within ${deadlineMs} ms`)), deadlineMs);
    const onMessage = (message: T) => done(null, message);
    const onError = (error: Error) => done(error);
    function done(error: Error | null, message?: T): void {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError);
      if (error) reject(error);
      else resolve(message as T);
    }
    worker.on('message', onMessage).on('error', onError);
  });
}

export async function measureMessagePortThroughput(options: PortBenchOptions): Promise<number[]> {
  const { port1, port2 } = new MessageChannel();
  const start = (role: PortWorkerData['role'], port: typeof port1): Worker =>
    startTsWorker(WORKER_MODULE, { role, port, items: options.items }, { transferList: [port] });
  const producer = start('producer', port1);
  const consumer = start('consumer', port2);
  const expectedSum = (options.items * (options.items - 1)) / 2;
  const samples: number[] = [];
  try {
    await Promise.all([nextMessage(producer, options.deadlineMs, 'start-up'), nextMessage(consumer, options.deadlineMs, 'start-up')]);
    for (let round = 1; round <= options.warmupRounds + options.repetitions; round++) {
      const result = nextMessage<PortRoundResult>(consumer, options.deadlineMs, `results of round ${round}`);
      const startedAtMs = absoluteNowMs();
      producer.postMessage('go');
      const { sum, finishedAtMs } = await result;
      if (sum !== expectedSum) throw new Error(`message port lost items: sum ${sum}, expected ${expectedSum}`);
      if (round > options.warmupRounds) samples.push(options.items / ((finishedAtMs - startedAtMs) / 1000));
    }
  } finally {
    await Promise.all([producer.terminate(), consumer.terminate()]);
  }
  return samples;
}

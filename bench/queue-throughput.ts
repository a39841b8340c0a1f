/**
 * Queue throughput of the reference `Queue` across worker threads: one producer worker puts the
 * ints 0..items-1, one consumer worker gets them; the time runs from the moment both may start
 * until the consumer holds the last item. Each round checks that every item arrived exactly once
 * (by their sum) and that the queue is empty again.
 */
import { Queue } from '../impl';
import { WorkerTeam } from './worker-team';
import { absoluteNowMs, type QueueConsumerResult } from './worker-protocol';

export interface QueueBenchOptions {
  /** Python's maxsize: 0 for an unbounded queue. */
  maxsize: number;
  /** Items per round. */
  items: number;
  repetitions: number;
  /** Untimed rounds first, so measured rounds run JIT-compiled code. */
  warmupRounds: number;
  /** Longest wait for worker start-up or one round's results. */
  deadlineMs: number;
}

export interface QueueBenchSamples {
  /** Items moved from producer to consumer per second; one per measured round. */
  itemsPerSecond: number[];
}

export async function measureQueueThroughput(options: QueueBenchOptions): Promise<QueueBenchSamples> {
  if (!(Number.isInteger(options.items) && options.items >= 1)) throw new RangeError('items must be a positive integer');
  const queue = new Queue<number>(options.maxsize);
  const rounds = options.warmupRounds + options.repetitions;
  const expectedSum = (options.items * (options.items - 1)) / 2;
  const samples: QueueBenchSamples = { itemsPerSecond: [] };
  const members = [
    { role: 'queue-producer', queue: queue.handle, items: options.items },
    { role: 'queue-consumer', queue: queue.handle, items: options.items },
  ] as const;

  await WorkerTeam.run(members, { rounds, deadlineMs: options.deadlineMs }, async (team) => {
    for (let round = 1; round <= rounds; round++) {
      const startedAtMs = absoluteNowMs();
      team.open(round);
      const consumer = (await team.results(round))[1] as QueueConsumerResult;
      if (consumer.sum !== expectedSum || queue.qsize() !== 0) {
        throw new Error(`queue lost or duplicated items: sum ${consumer.sum} (expected ${expectedSum}), ${queue.qsize()} left`);
      }
      if (round <= options.warmupRounds) continue;
      samples.itemsPerSecond.push(options.items / ((consumer.finishedAtMs - startedAtMs) / 1000));
    }
  });
  return samples;
}

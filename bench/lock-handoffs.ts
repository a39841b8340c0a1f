/**
 * Lock throughput of the reference `Lock` across worker threads: each worker loops
 * acquire / increment a shared counter / release for a fixed time. With two workers the lock is
 * contended; with one it never is. Every round also checks that the counter equals the number
 * of acquisitions, i.e. that the lock really excluded.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { Lock } from '../impl';
import { WorkerTeam, type TeamMember } from './worker-team';
import type { LockLoopResult } from './worker-protocol';

export interface LockBenchOptions {
  /** 2 for the contended figure, 1 for the uncontended one. */
  threads: number;
  /** How long each measured round runs. */
  durationMs: number;
  repetitions: number;
  /** Untimed rounds first, so measured rounds run JIT-compiled code. */
  warmupRounds: number;
  /** Longest wait for worker start-up or one round's results. */
  deadlineMs: number;
}

export interface LockBenchSamples {
  /** acquire/release pairs per second, all workers together; one per measured round. */
  pairsPerSecond: number[];
  /** How often the lock passed from one worker to the other, per second. */
  ownerChangesPerSecond: number[];
}

const WARMUP_MS = 200;

export async function measureLockHandoffs(options: LockBenchOptions): Promise<LockBenchSamples> {
  if (!(Number.isInteger(options.threads) && options.threads >= 1)) throw new RangeError('threads must be a positive integer');
  const lock = new Lock();
  const cells = new SharedArrayBuffer(16);
  const counter = new Float64Array(cells, 0, 1);
  const members: TeamMember[] = Array.from({ length: options.threads }, (_, i) => ({
    role: 'lock-loop',
    lock: lock.handle,
    cells,
    holderId: i + 1,
  }));
  // Taking the lock orders this read after the workers' writes (the workers are idle by now).
  const readCounter = (): number => {
    lock.acquire();
    try {
      return counter[0];
    } finally {
      lock.release();
    }
  };
  const rounds = options.warmupRounds + options.repetitions;
  const samples: LockBenchSamples = { pairsPerSecond: [], ownerChangesPerSecond: [] };

  await WorkerTeam.run(members, { rounds, deadlineMs: options.deadlineMs }, async (team) => {
    for (let round = 1; round <= rounds; round++) {
      const warmup = round <= options.warmupRounds;
      const counterBefore = readCounter();
      const startedAt = performance.now();
      team.open(round);
      await delay(warmup ? Math.min(WARMUP_MS, options.durationMs) : options.durationMs);
      team.stop(round);
      const stoppedAt = performance.now();
      const results = (await team.results(round)) as LockLoopResult[];

      const acquisitions = results.reduce((total, r) => total + r.acquisitions, 0);
      const ownerChanges = results.reduce((total, r) => total + r.ownerChanges, 0);
      const rise = readCounter() - counterBefore;
      if (rise !== acquisitions) {
        throw new Error(`lock did not exclude: counter rose by ${rise}, ${acquisitions} acquisitions`);
      }
      if (warmup) continue;
      const seconds = (stoppedAt - startedAt) / 1000;
      samples.pairsPerSecond.push(acquisitions / seconds);
      samples.ownerChangesPerSecond.push(ownerChanges / seconds);
    }
  });
  return samples;
}

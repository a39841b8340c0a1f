/**
 * The reference Pool against piscina with the same number of workers: throughput of many tiny
 * tasks in flight at once (all submitted, then all awaited), and the latency of one task at a
 * time from submission to its callback (apply_async) or its promise (piscina.run). Every result
 * is checked.
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import Piscina from 'piscina';
import { Pool } from '../impl/process';
import { addOne } from './pool-task';

export interface PoolBenchOptions {
  workers: number;
  /** Tasks in flight per throughput round. */
  tasks: number;
  /** Tasks run one after another per latency round. */
  latencyTasks: number;
  repetitions: number;
  warmupRounds: number;
}

export interface PoolBenchSamples {
  referenceTasksPerSecond: number[];
  baselineTasksPerSecond: number[];
  /** Median submit-to-callback time of a round, in µs. */
  referenceLatencyMicros: number[];
  baselineLatencyMicros: number[];
}

const PISCINA_TASK = path.join(__dirname, 'piscina-task.js');

type Runner = (x: number) => Promise<number>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

async function throughput(run: Runner, tasks: number): Promise<number> {
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: tasks }, (_, i) => run(i)));
  const seconds = (performance.now() - started) / 1000;
  results.forEach((value, i) => {
    if (value !== i + 1) throw new Error(`task ${i} returned ${value}`);
  });
  return tasks / seconds;
}

async function latency(run: Runner, tasks: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < tasks; i++) {
    const started = performance.now();
    const value = await run(i);
    times.push((performance.now() - started) * 1000);
    if (value !== i + 1) throw new Error(`task ${i} returned ${value}`);
  }
  return median(times);
}

/** Submit-to-callback: resolves from apply_async's callback, as CPython code would observe it. */
function referenceRunner(pool: Pool): Runner {
  return (x) =>
    new Promise<number>((resolve, reject) => {
      pool.apply_async(addOne, [x], { callback: resolve, error_callback: reject });
    });
}

export async function measurePool(options: PoolBenchOptions): Promise<PoolBenchSamples> {
  const pool = new Pool(options.workers);
  const piscina = new Piscina({ filename: PISCINA_TASK, minThreads: options.workers, maxThreads: options.workers });
  const samples: PoolBenchSamples = { referenceTasksPerSecond: [], baselineTasksPerSecond: [], referenceLatencyMicros: [], baselineLatencyMicros: [] };
  const reference = referenceRunner(pool);
  const baseline: Runner = (x) => piscina.run(x) as Promise<number>;
  try {
    for (let round = 1; round <= options.warmupRounds + options.repetitions; round++) {
      const rates = [await throughput(reference, options.tasks), await throughput(baseline, options.tasks)];
      const latencies = [await latency(reference, options.latencyTasks), await latency(baseline, options.latencyTasks)];
      if (round <= options.warmupRounds) continue;
      samples.referenceTasksPerSecond.push(rates[0]);
      samples.baselineTasksPerSecond.push(rates[1]);
      samples.referenceLatencyMicros.push(latencies[0]);
      samples.baselineLatencyMicros.push(latencies[1]);
    }
  } catch (error) {
    pool.terminate();
    throw error;
  } finally {
    // After a clean run every task is done, so close() lets the workers exit on their own.
    pool.close();
    await Promise.all([pool.join(), piscina.destroy()]);
  }
  return samples;
}

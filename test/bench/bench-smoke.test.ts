/**
 * Smoke test of `npm run bench`: every benchmark runs with a tiny duration and one repetition
 * and yields positive finite numbers, and the CPython baseline script runs and returns valid
 * JSON. No timing is asserted; the numbers only have to exist and make sense.
 */
import { CPYTHON_FIGURE_IDS } from '../../bench/figures';
import { measureFramingDecode } from '../../bench/framing-decode';
import { measureFramingLoopback } from '../../bench/framing-loopback';
import { measureMessagePortThroughput } from '../../bench/message-port-throughput';
import { measurePool } from '../../bench/pool-throughput';
import { measureLockHandoffs } from '../../bench/lock-handoffs';
import { runPythonBaseline } from '../../bench/python-baseline';
import { measureQueueThroughput } from '../../bench/queue-throughput';
import type { BenchSettings } from '../../bench/settings';
import { WorkerTeam } from '../../bench/worker-team';

const TINY: BenchSettings = { durationMs: 50, repetitions: 1, warmupRounds: 0, queueItems: 2000, deadlineMs: 20_000 };
const rounds = { repetitions: TINY.repetitions, warmupRounds: TINY.warmupRounds, deadlineMs: TINY.deadlineMs };

function expectPositiveFinite(values: number[], count: number): void {
  expect(values).toHaveLength(count);
  for (const value of values) {
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThan(0);
  }
}

afterEach(() => {
  expect(WorkerTeam.liveWorkers()).toBe(0);
});

test('contended lock benchmark: two workers yield pair and hand-off rates', async () => {
  const samples = await measureLockHandoffs({ ...rounds, threads: 2, durationMs: TINY.durationMs });
  expectPositiveFinite(samples.pairsPerSecond, 1);
  // Without warm-up, each worker's first acquisition changes the holder, so this is >= 1 hand-off.
  expectPositiveFinite(samples.ownerChangesPerSecond, 1);
  expect(samples.ownerChangesPerSecond[0]).toBeLessThanOrEqual(samples.pairsPerSecond[0]);
});

test('uncontended lock benchmark: one worker yields a pair rate', async () => {
  const samples = await measureLockHandoffs({ ...rounds, threads: 1, durationMs: TINY.durationMs });
  expectPositiveFinite(samples.pairsPerSecond, 1);
});

test.each([0, 1000])('queue benchmark with maxsize %i yields an item rate', async (maxsize) => {
  const samples = await measureQueueThroughput({ ...rounds, maxsize, items: TINY.queueItems });
  expectPositiveFinite(samples.itemsPerSecond, 1);
});

test('MessagePort baseline: the same ints worker to worker yield an item rate', async () => {
  expectPositiveFinite(await measureMessagePortThroughput({ ...rounds, items: TINY.queueItems }), 1);
});

test.each([
  [65536, 4, 16384],
  [16, 1000, 4096],
])('in-memory framing decode of %i-byte messages yields reference and baseline rates', (messageBytes, messages, chunkBytes) => {
  const samples = measureFramingDecode({ ...rounds, messageBytes, messages, chunkBytes });
  expectPositiveFinite(samples.referenceBytesPerSecond, 1);
  expectPositiveFinite(samples.baselineBytesPerSecond, 1);
});

test('framed and raw transfers over loopback yield rates', async () => {
  const samples = await measureFramingLoopback({ ...rounds, messageBytes: 65536, messages: 8 });
  expectPositiveFinite(samples.referenceBytesPerSecond, 1);
  expectPositiveFinite(samples.baselineBytesPerSecond, 1);
});

test('Pool and piscina yield task rates and latencies', async () => {
  const samples = await measurePool({ ...rounds, workers: 2, tasks: 20, latencyTasks: 3 });
  for (const values of Object.values(samples)) expectPositiveFinite(values, 1);
}, 60_000);

test('warm-up rounds are run but not reported', async () => {
  const samples = await measureQueueThroughput({ repetitions: 2, warmupRounds: 1, deadlineMs: TINY.deadlineMs, maxsize: 10, items: 500 });
  expectPositiveFinite(samples.itemsPerSecond, 2);
});

test('a round that misses its deadline fails the benchmark and terminates its workers', async () => {
  // Far more items than a 5 s deadline allows: the workers are busy mid-round when it expires.
  const run = measureQueueThroughput({ repetitions: 1, warmupRounds: 0, deadlineMs: 5000, maxsize: 1000, items: 50_000_000 });
  await expect(run).rejects.toThrow(/no (results of round 1|start-up) within 5000 ms/);
  // afterEach checks that no worker is left running.
});

test('the CPython baseline script runs and returns one valid sample per figure', async () => {
  const baseline = await runPythonBaseline(TINY);
  expect(baseline.implementation).toBe('CPython');
  expect(baseline.pythonVersion).toMatch(/^3\.\d+\.\d+/);
  expect(baseline.switchIntervalSeconds).toBeGreaterThan(0);
  expect(Object.keys(baseline.samples).sort()).toEqual([...CPYTHON_FIGURE_IDS].sort());
  for (const id of CPYTHON_FIGURE_IDS) expectPositiveFinite(baseline.samples[id], 1);
});

test('the CPython baseline rejects bad arguments with a clear error instead of printing JSON', async () => {
  await expect(runPythonBaseline({ ...TINY, queueItems: 0 })).rejects.toThrow(/python baseline exited with 2/);
});

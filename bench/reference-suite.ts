/**
 * Everything measured on the Node side, one benchmark after another (never overlapping): the
 * reference implementation, and the Node baselines that need no CPython. Benchmarks that measure
 * a reference and its baseline together interleave them round by round, so slow phases of a
 * shared machine hit both.
 */
import type { FigureSamples, NodeBaselineSamples } from './figures';
import { measureFramingDecode } from './framing-decode';
import { measureFramingLoopback } from './framing-loopback';
import { measureLockHandoffs } from './lock-handoffs';
import { measureMessagePortThroughput } from './message-port-throughput';
import { measurePool } from './pool-throughput';
import { measureQueueThroughput } from './queue-throughput';
import type { BenchSettings } from './settings';

export interface NodeSideSamples {
  reference: FigureSamples;
  baselines: NodeBaselineSamples;
}

/** Sizes of the framing and pool benchmarks; the smoke test shrinks them. */
export interface WorkSizes {
  decode64kMessages: number;
  decode16bMessages: number;
  loopbackMessages: number;
  poolTasks: number;
  poolLatencyTasks: number;
}

export const DEFAULT_WORK_SIZES: WorkSizes = {
  // 64 MiB and 1 M messages per round: enough that one GC pause does not decide a round.
  decode64kMessages: 1024,
  decode16bMessages: 1_000_000,
  loopbackMessages: 512,
  poolTasks: 2000,
  poolLatencyTasks: 200,
};

export async function measureNodeSide(settings: BenchSettings, sizes: WorkSizes = DEFAULT_WORK_SIZES, log: (line: string) => void = () => {}): Promise<NodeSideSamples> {
  const rounds = {
    repetitions: settings.repetitions,
    warmupRounds: settings.warmupRounds,
    deadlineMs: settings.deadlineMs,
  };
  log('lock');
  const contended = await measureLockHandoffs({ ...rounds, threads: 2, durationMs: settings.durationMs });
  const uncontended = await measureLockHandoffs({ ...rounds, threads: 1, durationMs: settings.durationMs });
  log('queue');
  const unbounded = await measureQueueThroughput({ ...rounds, maxsize: 0, items: settings.queueItems });
  const bounded = await measureQueueThroughput({ ...rounds, maxsize: 1000, items: settings.queueItems });
  const port = await measureMessagePortThroughput({ ...rounds, items: settings.queueItems });
  log('framing');
  const decode64k = measureFramingDecode({ ...rounds, messageBytes: 65536, messages: sizes.decode64kMessages, chunkBytes: 16384 });
  const decode16b = measureFramingDecode({ ...rounds, messageBytes: 16, messages: sizes.decode16bMessages, chunkBytes: 65536 });
  const loopback = await measureFramingLoopback({ ...rounds, messageBytes: 65536, messages: sizes.loopbackMessages });
  log('pool');
  const pool = await measurePool({ ...rounds, workers: 2, tasks: sizes.poolTasks, latencyTasks: sizes.poolLatencyTasks });
  const perMessage = (bytesPerSecond: number[]) => bytesPerSecond.map((rate) => rate / 16);
  return {
    reference: {
      'lock.contended.pairs': contended.pairsPerSecond,
      'lock.contended.owner-changes': contended.ownerChangesPerSecond,
      'lock.uncontended.pairs': uncontended.pairsPerSecond,
      'queue.unbounded.items': unbounded.itemsPerSecond,
      'queue.bounded-1000.items': bounded.itemsPerSecond,
      'queue.unbounded.vs-message-port': unbounded.itemsPerSecond,
      'framing.decode-64k.bytes': decode64k.referenceBytesPerSecond,
      'framing.decode-16b.messages': perMessage(decode16b.referenceBytesPerSecond),
      'framing.loopback.bytes': loopback.referenceBytesPerSecond,
      'pool.tiny-tasks': pool.referenceTasksPerSecond,
      'pool.apply-async-latency': pool.referenceLatencyMicros,
    },
    baselines: {
      'queue.unbounded.vs-message-port': port,
      'framing.decode-64k.bytes': decode64k.baselineBytesPerSecond,
      'framing.decode-16b.messages': perMessage(decode16b.baselineBytesPerSecond),
      'framing.loopback.bytes': loopback.baselineBytesPerSecond,
      'pool.tiny-tasks': pool.baselineTasksPerSecond,
      'pool.apply-async-latency': pool.baselineLatencyMicros,
    },
  };
}

/** Every figure measured on the reference implementation, one after another (never overlapping). */
import type { FigureSamples } from './figures';
import { measureLockHandoffs } from './lock-handoffs';
import { measureQueueThroughput } from './queue-throughput';
import type { BenchSettings } from './settings';

export async function measureReference(settings: BenchSettings): Promise<FigureSamples> {
  const rounds = {
    repetitions: settings.repetitions,
    warmupRounds: settings.warmupRounds,
    deadlineMs: settings.deadlineMs,
  };
  const contended = await measureLockHandoffs({ ...rounds, threads: 2, durationMs: settings.durationMs });
  const uncontended = await measureLockHandoffs({ ...rounds, threads: 1, durationMs: settings.durationMs });
  const unbounded = await measureQueueThroughput({ ...rounds, maxsize: 0, items: settings.queueItems });
  const bounded = await measureQueueThroughput({ ...rounds, maxsize: 1000, items: settings.queueItems });
  return {
    'lock.contended.pairs': contended.pairsPerSecond,
    'lock.contended.owner-changes': contended.ownerChangesPerSecond,
    'lock.uncontended.pairs': uncontended.pairsPerSecond,
    'queue.unbounded.items': unbounded.itemsPerSecond,
    'queue.bounded-1000.items': bounded.itemsPerSecond,
  };
}

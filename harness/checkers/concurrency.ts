import type { Json, Scenario } from '../scenario/model';
import type { HistoryEvent } from '../scenario/history';
import type { Judgement } from '../../spec/claim';
import { formatTime, listWords } from './describe';
import { holdingIntervals, holdSpecFor, type HoldSpec } from './holds';
import { describeInterval, intervalToJson, isEmptyInterval, markIntervals, type Interval, type MarkPair } from './intervals';
import { judgeOperations } from './operations';

/**
 * How many intervals were open at once: a Semaphore(N) must never have more than N certain
 * holders, and a claim that N can run together must see N at once. Both directions use certain
 * intervals only, so neither a violation nor a reached level is ever inferred from a guess.
 */

export interface ConcurrencyProfile {
  /** Greatest number of intervals open at one moment. */
  max: number;
  /** When that number was first reached. */
  reachedAt?: number;
  /** The intervals open at that moment. */
  atMax: Interval[];
}

export function concurrencyProfile(intervals: readonly Interval[]): ConcurrencyProfile {
  type Edge = { time: number; delta: 1 | -1; interval: Interval };
  const edges: Edge[] = [];
  for (const interval of intervals) {
    if (isEmptyInterval(interval)) continue;
    edges.push({ time: interval.start, delta: 1, interval }, { time: interval.end, delta: -1, interval });
  }
  // Ends first at equal stamps: touching intervals were not open together.
  edges.sort((a, b) => a.time - b.time || a.delta - b.delta);
  const open = new Set<Interval>();
  const profile: ConcurrencyProfile = { max: 0, atMax: [] };
  for (const edge of edges) {
    if (edge.delta === -1) {
      open.delete(edge.interval);
      continue;
    }
    open.add(edge.interval);
    if (open.size > profile.max) {
      profile.max = open.size;
      profile.reachedAt = edge.time;
      profile.atMax = [...open];
    }
  }
  return profile;
}

export interface ConcurrencyBounds {
  /** Never more than this many open at once (e.g. a Semaphore's initial value). */
  atMost?: number;
  /** This many were open at once at least once (the limit was actually used). */
  reaches?: number;
}

export function checkConcurrency(intervals: readonly Interval[], bounds: ConcurrencyBounds, what = 'intervals'): Judgement {
  const profile = concurrencyProfile(intervals);
  const peak =
    profile.reachedAt === undefined
      ? 'none were ever open'
      : `at most ${profile.max} open at once (first at ${formatTime(profile.reachedAt)}: ${profile.atMax.map(describeInterval).join('; ')})`;
  const evidence: Json = {
    max: profile.max,
    reachedAt: profile.reachedAt ?? null,
    atMax: profile.atMax.map(intervalToJson),
    bounds: { atMost: bounds.atMost ?? null, reaches: bounds.reaches ?? null },
  };
  const failures: string[] = [];
  if (bounds.atMost !== undefined && profile.max > bounds.atMost) {
    failures.push(`more than ${bounds.atMost} at once: ${profile.max} ${what} were open at ${formatTime(profile.reachedAt!)} (${listWords(profile.atMax.map(describeInterval))})`);
  }
  if (bounds.reaches !== undefined && profile.max < bounds.reaches) {
    failures.push(`${bounds.reaches} at once was never reached: ${peak}`);
  }
  if (failures.length > 0) return { ok: false, message: `${what}: ${failures.join('; ')}`, evidence };
  return { ok: true, message: `${what}: ${peak}`, evidence };
}

/** Concurrency of holders of a lock-like object (acquire/release on `spec.targets`). */
export function checkHolderConcurrency(history: readonly HistoryEvent[], spec: HoldSpec, bounds: ConcurrencyBounds): Judgement {
  return judgeOperations(history, (ops) =>
    checkConcurrency(holdingIntervals(ops, spec).holds, bounds, `holders of ${spec.targets.join('/')}`),
  );
}

/**
 * A declared Semaphore(N) / BoundedSemaphore(N): by default never more than N holders and N
 * reached. `bounds` replaces both: pass `{ atMost: N }` alone when reaching N is not the claim.
 */
export function checkSemaphoreConcurrency(
  history: readonly HistoryEvent[],
  scenario: Pick<Scenario, 'objects'>,
  target: string,
  bounds?: ConcurrencyBounds,
): Judgement {
  const decl = scenario.objects[target];
  if (!decl || (decl.type !== 'semaphore' && decl.type !== 'bounded-semaphore')) {
    return { ok: false, message: `${target} is not a semaphore in this scenario` };
  }
  const n = decl.value ?? 1;
  return checkHolderConcurrency(history, holdSpecFor(scenario, target), bounds ?? { atMost: n, reaches: n });
}

/** Concurrency of `enter`…`exit` mark intervals, for claims that do not look at the object. */
export function checkMarkedConcurrency(history: readonly HistoryEvent[], marks: MarkPair, bounds: ConcurrencyBounds): Judgement {
  return judgeOperations(history, (ops) =>
    checkConcurrency(markIntervals(ops, marks), bounds, `${marks.enter ?? 'enter'}…${marks.exit ?? 'exit'} intervals`),
  );
}

import type { ClaimResult, RunReport } from '../runner/report-model';

/**
 * Where a run's time went: its wall-clock length, the time its claims took together, and the
 * claims that took longest. Claims may overlap (the runner's `concurrency`), so the sum of the
 * claims' durations can exceed the wall-clock time; both are shown.
 */

export const SLOWEST_SHOWN = 10;

export interface TimeSpent {
  /** From the run's start to its end. */
  wallMs: number;
  /** The claims' durations added up. */
  claimsMs: number;
  /** The slowest claims, slowest first (ties by id, so the list is deterministic). */
  slowest: Pick<ClaimResult, 'id' | 'verdict' | 'durationMs'>[];
  /** What share of `claimsMs` the slowest claims account for, 0..1. */
  slowestShare: number;
}

export function timeSpent(report: RunReport, count = SLOWEST_SHOWN): TimeSpent {
  const wallMs = Math.max(0, Date.parse(report.finishedAt) - Date.parse(report.startedAt));
  const claimsMs = report.claims.reduce((sum, c) => sum + c.durationMs, 0);
  const slowest = [...report.claims]
    .sort((a, b) => b.durationMs - a.durationMs || a.id.localeCompare(b.id))
    .slice(0, Math.max(0, count))
    .map(({ id, verdict, durationMs }) => ({ id, verdict, durationMs }));
  const slowestMs = slowest.reduce((sum, c) => sum + c.durationMs, 0);
  return { wallMs: Number.isFinite(wallMs) ? wallMs : 0, claimsMs, slowest, slowestShare: claimsMs > 0 ? slowestMs / claimsMs : 0 };
}

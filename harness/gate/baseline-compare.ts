import { isFailure, type BaselineMark, type BaselineStatus, type BaselineSummary, type ClaimResult, type RunReport } from '../runner/report-model';
import { expectedVerdicts, type Baseline } from './baseline-file';

/**
 * Comparing runs with a baseline. Each claim a run reports on is classified (report-model.ts,
 * BaselineStatus); claims the baseline lists but the run did not reach (another shard, another
 * selection) are left alone. The run passes the gate when every classified claim is `expected`:
 * a new failure fails it, and so does an unexpected pass, so a baseline never goes stale.
 */

export const BASELINE_STATUSES: readonly BaselineStatus[] = ['expected', 'new-failure', 'unexpected-pass', 'unexpected-verdict'];

export function markOf(result: Pick<ClaimResult, 'verdict'>, entry: Baseline['implementations'][string][string] | undefined): BaselineMark | undefined {
  if (entry === undefined) return isFailure(result.verdict) ? { status: 'new-failure', expected: [] } : undefined;
  const expected = expectedVerdicts(entry);
  const status: BaselineStatus = expected.includes(result.verdict)
    ? 'expected'
    : result.verdict === 'pass'
      ? 'unexpected-pass'
      : isFailure(result.verdict) && !expected.some(isFailure)
        ? 'new-failure'
        : 'unexpected-verdict';
  return { status, expected, reason: entry.reason };
}

/** The run with every claim marked against the baseline, and the gate's summary. */
export function applyBaseline(run: RunReport, baseline: Baseline, file: string): RunReport {
  const entries = baseline.implementations[run.implementation.name] ?? {};
  const counts = Object.fromEntries(BASELINE_STATUSES.map((s) => [s, 0])) as Record<BaselineStatus, number>;
  const claims = run.claims.map((claim) => {
    const { baseline: _old, ...rest } = claim;
    const mark = markOf(claim, entries[claim.id]);
    if (mark === undefined) return rest;
    counts[mark.status]++;
    return { ...rest, baseline: mark };
  });
  const summary: BaselineSummary = { file, ok: counts['new-failure'] + counts['unexpected-pass'] + counts['unexpected-verdict'] === 0, counts };
  return { ...run, claims, baseline: summary };
}

/**
 * Whether a claim's result fails the run: against a baseline, anything but an expected result;
 * without one, a fail or an error. Every format marks exactly these as failures.
 */
export function failsGate(claim: Pick<ClaimResult, 'verdict' | 'baseline'>, run: Pick<RunReport, 'baseline'>): boolean {
  if (run.baseline === undefined) return isFailure(claim.verdict);
  return claim.baseline !== undefined && claim.baseline.status !== 'expected';
}

/** Whether the run passes: complete, and no claim fails the gate. */
export function passesGate(run: RunReport): boolean {
  return run.complete && run.claims.every((c) => !failsGate(c, run));
}

import { isFailure, type RunReport, type Verdict } from '../runner/report-model';
import { expectedVerdicts, type Baseline, type BaselineEntry } from './baseline-file';

/**
 * `conform baseline update`: the baseline that makes the given runs pass. For every claim the
 * runs reached: a failure gets an entry (keeping the reason it had), a claim seen with several
 * verdicts (over several runs of one implementation) is recorded as intermittent, and a claim
 * that now passes loses its entry, unless the entry already says it is intermittent with pass.
 * Entries for claims no run reached are kept.
 */

export interface BaselineChange {
  implementation: string;
  claim: string;
  change: 'added' | 'removed' | 'changed';
  expected?: Verdict[];
}

export interface BaselineUpdate {
  baseline: Baseline;
  changes: BaselineChange[];
}

function sameVerdicts(a: readonly Verdict[], b: readonly Verdict[]): boolean {
  return a.length === b.length && a.every((v) => b.includes(v));
}

export function updateBaseline(previous: Baseline, runs: readonly RunReport[], newReason: (claimId: string, verdicts: Verdict[], message: string) => string): BaselineUpdate {
  const implementations: Baseline['implementations'] = {};
  for (const [impl, entries] of Object.entries(previous.implementations)) implementations[impl] = { ...entries };
  const changes: BaselineChange[] = [];

  // Every verdict each claim showed, per implementation, over all the runs given.
  const seen = new Map<string, Map<string, { verdicts: Verdict[]; message: string }>>();
  for (const run of runs) {
    const claims = seen.get(run.implementation.name) ?? new Map<string, { verdicts: Verdict[]; message: string }>();
    seen.set(run.implementation.name, claims);
    for (const c of run.claims) {
      const entry = claims.get(c.id) ?? { verdicts: [], message: c.message };
      if (!entry.verdicts.includes(c.verdict)) entry.verdicts.push(c.verdict);
      if (isFailure(c.verdict)) entry.message = c.message;
      claims.set(c.id, entry);
    }
  }

  for (const [impl, claims] of seen) {
    const entries = (implementations[impl] ??= {});
    for (const [id, { verdicts, message }] of claims) {
      const old: BaselineEntry | undefined = entries[id];
      const oldExpected = old === undefined ? [] : expectedVerdicts(old);
      const needsEntry = verdicts.some(isFailure);
      if (!needsEntry) {
        const stillIntermittent = old !== undefined && verdicts.every((v) => oldExpected.includes(v)) && oldExpected.length > 1;
        if (old !== undefined && !stillIntermittent) {
          delete entries[id];
          changes.push({ implementation: impl, claim: id, change: 'removed' });
        }
        continue;
      }
      // Keep what an intermittent entry already allows; add what was seen.
      const expected = old !== undefined && oldExpected.length > 1 ? [...new Set([...oldExpected, ...verdicts])] : verdicts;
      if (old !== undefined && sameVerdicts(oldExpected, expected)) continue;
      const ordered = [...expected].sort();
      entries[id] = { expected: ordered.length === 1 ? ordered[0] : ordered, reason: old?.reason ?? newReason(id, ordered, message) };
      changes.push({ implementation: impl, claim: id, change: old === undefined ? 'added' : 'changed', expected: ordered });
    }
  }
  return { baseline: { version: previous.version, implementations }, changes };
}

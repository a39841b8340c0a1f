import type { Json, Scenario } from '../scenario/model';
import type { HistoryEvent } from '../scenario/history';
import type { Judgement } from '../../spec/claim';
import { holdingIntervals, holdSpecFor, type HoldSpec } from './holds';
import { describeInterval, findOverlaps, intervalToJson, markIntervals, type Interval, type MarkPair } from './intervals';
import { judgeOperations } from './operations';
import { listWords } from './describe';

/**
 * Mutual exclusion: no two certain holding intervals of one lock overlap. Either from the lock's
 * own acquire/release operations, or from `enter`/`exit` marks around a critical section for
 * claims that should not depend on how the lock is used.
 */

function judgeExclusion(intervals: readonly Interval[], what: string, notes: readonly string[] = []): Judgement {
  const pairs = findOverlaps(intervals, 5);
  const noteText = notes.length > 0 ? `; note: ${notes.slice(0, 3).join('; ')}` : '';
  if (intervals.length === 0) {
    // A vacuous pass would hide an implementation whose acquire never succeeds.
    return { ok: false, message: `${what}: no holding intervals recorded, nothing to judge${noteText}` };
  }
  if (pairs.length === 0) {
    const actors = new Set(intervals.map((i) => i.actor));
    return {
      ok: true,
      message: `${what}: ${intervals.length} interval(s) by ${listWords([...actors].sort())}, none overlapping${noteText}`,
      evidence: { intervals: intervals.length, actors: [...actors].sort() },
    };
  }
  const [a, b] = pairs[0]!;
  return {
    ok: false,
    message: `${what} violated: ${describeInterval(a)} overlaps ${describeInterval(b)}${pairs.length > 1 ? ` (and ${pairs.length - 1} more overlapping pair(s) shown in evidence)` : ''}${noteText}`,
    evidence: { overlapping: pairs.map(([x, y]): Json => [intervalToJson(x), intervalToJson(y)]), notes: [...notes] },
  };
}

/**
 * At most one actor holds `target` at any time. `spec` says how holds are tracked (see
 * `holdSpecFor`); its first target names the lock in messages.
 */
export function checkMutualExclusion(history: readonly HistoryEvent[], spec: HoldSpec): Judgement {
  return judgeOperations(history, (ops) => {
    const { holds, notes } = holdingIntervals(ops, spec);
    return judgeExclusion(holds, `mutual exclusion on ${spec.targets.join('/')}`, notes);
  });
}

/** `checkMutualExclusion` with the hold rules taken from the scenario's declaration of `target`. */
export function checkScenarioMutualExclusion(history: readonly HistoryEvent[], scenario: Pick<Scenario, 'objects'>, target: string): Judgement {
  return checkMutualExclusion(history, holdSpecFor(scenario, target));
}

/** No two actors were between their `enter` and `exit` marks at the same time. */
export function checkCriticalSections(history: readonly HistoryEvent[], marks: MarkPair = {}): Judgement {
  return judgeOperations(history, (ops) => {
    const intervals = markIntervals(ops, marks);
    return judgeExclusion(intervals, `critical sections ${marks.enter ?? 'enter'}…${marks.exit ?? 'exit'}`);
  });
}

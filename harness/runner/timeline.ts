import type { Grade, OutcomeGrading } from '../../spec/claim';
import { pairOperations } from '../checkers/operations';
import type { Operation } from '../scenario/history';
import type { Scenario } from '../scenario/model';
import type { ScenarioResult } from '../scenario/result';
import type { Timeline, TimelineOp } from './report-model';

/**
 * Timelines: one run of a scenario, kept in the report so readers can see who did what when
 * (actors as swim-lanes, operations as intervals). A report holds one per scenario of every
 * claim, so each is capped: at most MAX_LANES lanes and MAX_OPS operations, chosen so that
 * whatever went wrong (failed, still blocked, never completed) is always drawn.
 */

export const MAX_LANES = 16;
export const MAX_OPS = 160;
const MAX_DETAIL = 48;

const GRADE_RANK: Record<Grade, number> = { forbidden: 0, interesting: 1, acceptable: 2 };

/**
 * The run worth drawing: the first that did not complete (a hang or deadlock says most), else
 * for racy claims the first with the rarest kind of outcome (forbidden, then interesting), else
 * the first run.
 */
export function representativeRun(results: readonly ScenarioResult[], grading?: OutcomeGrading): number {
  const unfinished = results.findIndex((r) => r.status !== 'completed');
  if (unfinished >= 0 || grading === undefined) return Math.max(0, unfinished);
  let best = 0;
  let bestRank = Number.POSITIVE_INFINITY;
  results.forEach((run, i) => {
    let rank: number;
    try {
      rank = GRADE_RANK[grading.grade(grading.key(run))];
    } catch {
      return; // an unreadable run is reported by the histogram, not drawn here
    }
    if (rank < bestRank) {
      best = i;
      bestRank = rank;
    }
  });
  return best;
}

function isTrouble(op: Operation): boolean {
  return op.outcome !== 'ok';
}

function shorten(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

function detailOf(op: Operation): string | undefined {
  if (op.outcome === 'fail') return shorten(op.error === undefined ? (op.message ?? 'failed') : op.message ? `${op.error}: ${op.message}` : op.error);
  if (op.outcome === 'info') return shorten(op.message ?? 'never completed');
  if (op.outcome === 'pending') return 'never completed';
  if (op.value === undefined || op.value === null) return undefined;
  return shorten(typeof op.value === 'string' ? JSON.stringify(op.value) : JSON.stringify(op.value) ?? String(op.value));
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** The lanes to draw: the scenario's actors in order (then any the history adds), troubled lanes first when over the cap. */
function chooseLanes(scenario: Scenario, operations: readonly Operation[]): { lanes: string[]; cut: number } {
  const order = [...scenario.actors.map((a) => a.name)];
  for (const op of operations) if (!order.includes(op.actor)) order.push(op.actor);
  const active = order.filter((name) => operations.some((op) => op.actor === name));
  if (active.length <= MAX_LANES) return { lanes: active, cut: 0 };
  const troubled = new Set(operations.filter(isTrouble).map((op) => op.actor));
  const chosen = new Set([...active.filter((a) => troubled.has(a)), ...active].slice(0, MAX_LANES));
  return { lanes: active.filter((a) => chosen.has(a)), cut: active.length - chosen.size };
}

export function buildTimeline(scenario: Scenario, result: ScenarioResult, run: number, runs: number): Timeline {
  const { operations } = pairOperations(result.history);
  const { lanes, cut: actorsCut } = chooseLanes(scenario, operations);
  const laneOf = new Map(lanes.map((name, i) => [name, i]));
  const drawn = operations.filter((op) => laneOf.has(op.actor));
  let kept = drawn;
  if (drawn.length > MAX_OPS) {
    const trouble = drawn.filter(isTrouble).slice(0, MAX_OPS);
    const rest = drawn.filter((op) => !isTrouble(op)).slice(0, MAX_OPS - trouble.length);
    const keep = new Set([...trouble, ...rest]);
    kept = drawn.filter((op) => keep.has(op));
  }
  const ops = kept.map((op): TimelineOp => {
    const detail = detailOf(op);
    return {
      actor: laneOf.get(op.actor)!,
      f: op.f,
      ...(op.target === undefined ? {} : { target: op.target }),
      start: round(op.invokeTime),
      ...(op.returnTime === undefined ? {} : { end: round(op.returnTime) }),
      outcome: op.outcome,
      ...(detail === undefined ? {} : { detail }),
    };
  });
  return {
    scenario: scenario.name,
    run: run + 1,
    runs,
    status: result.status,
    durationMs: round(result.durationMs),
    actors: lanes,
    ops,
    actorsCut,
    opsCut: drawn.length - kept.length,
  };
}

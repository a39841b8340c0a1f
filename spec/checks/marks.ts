import type { Operation } from '../../harness/scenario/history';
import type { ScenarioResult } from '../../harness/scenario/result';
import { describeOperation } from '../../harness/checkers/describe';
import { expect, JudgeFailure, operations } from '../judging';

/**
 * Finding the scenario's own annotations (`mark` ops, by label) and ops by actor, for the
 * process and program checks. Pure lookups over paired operations; the judging is in the checks.
 */

export function markLabelOf(op: Operation): string | undefined {
  const label = op.args?.['label'];
  return op.f === 'mark' && typeof label === 'string' ? label : undefined;
}

/** The marks `actor` made with `label` (every run of a repeat). */
export function marks(run: ScenarioResult | Operation[], actor: string, label: string): Operation[] {
  const ops = Array.isArray(run) ? run : operations(run);
  return ops.filter((o) => o.actor === actor && markLabelOf(o) === label);
}

/** The one completed mark `label` of `actor`; fails the judge if it is missing. */
export function mark(run: ScenarioResult | Operation[], actor: string, label: string): Operation {
  const found = marks(run, actor, label).find((o) => o.outcome === 'ok');
  if (found === undefined) throw new JudgeFailure(`expected ${actor} to reach its mark "${label}", but it never did`);
  return found;
}

/** Requires `actor` never to have completed the mark `label` (it was stopped first). */
export function expectNoMark(run: ScenarioResult | Operation[], actor: string, label: string, why: string): void {
  const found = marks(run, actor, label).find((o) => o.outcome === 'ok');
  expect(found === undefined, `${why}: ${actor} reached "${label}" at ${found?.returnTime?.toFixed(1)}ms`);
}

/** Every op of `actor` in the order it invoked them. */
export function opsOf(run: ScenarioResult | Operation[], actor: string, f?: string): Operation[] {
  const ops = Array.isArray(run) ? run : operations(run);
  return ops.filter((o) => o.actor === actor && (f === undefined || o.f === f));
}

/** Requires an op to have been cut short: invoked, never completed (its actor was stopped). */
export function expectCutShort(o: Operation, why: string): void {
  expect(o.outcome === 'info' || o.outcome === 'pending', `${why}: expected "${describeOperation(o)}" never to complete`);
}

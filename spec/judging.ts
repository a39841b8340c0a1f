import type { Json, Scenario } from '../harness/scenario/model';
import type { Operation } from '../harness/scenario/history';
import type { ScenarioResult } from '../harness/scenario/result';
import { pairOperations, malformedHistory } from '../harness/checkers/operations';
import { describeOperation, operationToJson } from '../harness/checkers/describe';
import type { Judgement, ScenarioCheck } from './claim';

/**
 * Small conveniences for the judges written inside claims. Anything with real logic lives in
 * harness/checkers (pure, unit-tested); this file only finds operations and combines verdicts.
 */

/** Thrown inside a judge to fail it with a message; `judge()` turns it into a Judgement. */
export class JudgeFailure extends Error {
  constructor(message: string, readonly evidence?: Json) {
    super(message);
  }
}

export function ok(message: string, evidence?: Json): Judgement {
  return evidence === undefined ? { ok: true, message } : { ok: true, message, evidence };
}

export function fail(message: string, evidence?: Json): Judgement {
  return evidence === undefined ? { ok: false, message } : { ok: false, message, evidence };
}

/** Requires a condition; the message says what was expected and what was seen. */
export function expect(condition: boolean, message: string, evidence?: Json): void {
  if (!condition) throw new JudgeFailure(message, evidence);
}

/** Requires a sub-judgement to hold. */
export function holds(j: Judgement): void {
  if (!j.ok) throw new JudgeFailure(j.message, j.evidence);
}

/** Runs a judge body, turning JudgeFailure into a failed Judgement. */
export function judge(body: () => Judgement): Judgement {
  try {
    return body();
  } catch (e) {
    if (e instanceof JudgeFailure) return fail(e.message, e.evidence);
    throw e;
  }
}

/** The paired operations of one run; a malformed history fails the judge. */
export function operations(run: ScenarioResult): Operation[] {
  const paired = pairOperations(run.history);
  if (paired.problems.length > 0) {
    const j = malformedHistory(paired.problems);
    throw new JudgeFailure(j.message, j.evidence);
  }
  return paired.operations;
}

/** The n-th (0-based) operation `f` of `actor` (optionally on `target`); fails the judge if absent. */
export function find(run: ScenarioResult | Operation[], actor: string, f: string, nth = 0, target?: string): Operation {
  const ops = Array.isArray(run) ? run : operations(run);
  const matching = ops.filter((o) => o.actor === actor && o.f === f && (target === undefined || o.target === target));
  const found = matching[nth];
  if (!found) throw new JudgeFailure(`expected ${actor} to perform ${f}${target ? `(${target})` : ''} #${nth + 1}, but the history has ${matching.length}`);
  return found;
}

/** All operations `f` by any actor (optionally on a target). */
export function all(run: ScenarioResult | Operation[], f: string, target?: string): Operation[] {
  const ops = Array.isArray(run) ? run : operations(run);
  return ops.filter((o) => o.f === f && (target === undefined || o.target === target));
}

/** Requires the operation to have returned `value`. */
export function expectValue(o: Operation, value: Json): void {
  expect(
    o.outcome === 'ok' && JSON.stringify(o.value) === JSON.stringify(value),
    `expected ${describeOperation(o)} to return ${JSON.stringify(value)}`,
    operationToJson(o),
  );
}

/** Requires the operation to have raised the normalised error `name`. */
export function expectError(o: Operation, name: string): void {
  expect(o.outcome === 'fail' && o.error === name, `expected ${describeOperation(o)} to raise ${name}`, operationToJson(o));
}

/** `a` returned strictly before `b` was invoked (so `b` could not have caused `a` to return). */
export function expectBefore(a: Operation, b: Operation, why: string): void {
  expect(
    a.returnTime !== undefined && a.returnTime < b.invokeTime,
    `${why}: expected "${describeOperation(a)}" to return before "${describeOperation(b)}" began`,
    [operationToJson(a), operationToJson(b)],
  );
}

/** `b` returned only after `a` was invoked: `b` was blocked until `a` happened. */
export function expectReturnedAfter(b: Operation, a: Operation, why: string): void {
  expect(
    b.returnTime !== undefined && b.returnTime >= a.invokeTime,
    `${why}: expected "${describeOperation(b)}" to return only after "${describeOperation(a)}" began`,
    [operationToJson(b), operationToJson(a)],
  );
}

/** Requires the run to have completed (no deadline, no crash). */
export function expectCompleted(run: ScenarioResult): void {
  expect(
    run.status === 'completed',
    `expected the scenario to complete, but it ended with status "${run.status}"${run.unfinished.length ? ` with ${run.unfinished.join(', ')} still running` : ''}${run.error ? `: ${run.error}` : ''}`,
  );
}

/** Judges every run of every scenario with the same body; the first failure wins. */
export function everyRun(
  runs: ScenarioResult[][],
  scenarios: Scenario[],
  body: (run: ScenarioResult, s: Scenario, scenarioIndex: number) => void,
  summary: string,
): Judgement {
  return judge(() => {
    runs.forEach((reps, i) => reps.forEach((run) => body(run, scenarios[i], i)));
    const n = runs.reduce((s, r) => s + r.length, 0);
    return ok(`${summary} (${n} run${n === 1 ? '' : 's'})`);
  });
}

/** A blocked operation waited at least `units` time units (10% slack for clock granularity). */
export function expectWaited(o: Operation, units: number, s: Scenario): void {
  const waited = (o.returnTime ?? Infinity) - o.invokeTime;
  const want = units * s.timeUnitMs;
  expect(waited >= want * 0.9, `${describeOperation(o)}: returned after ${waited.toFixed(1)}ms, before its timeout of ${units} units (${want}ms)`);
}

/** Requires the values returned by `ops` to equal `want`, in order. */
export function expectValues(ops: Operation[], want: Json[], what: string): void {
  const got = ops.map((o) => (o.outcome === 'ok' ? o.value ?? null : `<${o.error ?? o.outcome}>`));
  expect(JSON.stringify(got) === JSON.stringify(want), `${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
}

/** The common check: run these scenarios (each `repeat` times) and hold every run to `body`. */
export function checkEvery(
  scenarios: Scenario[],
  body: (run: ScenarioResult, s: Scenario, scenarioIndex: number) => void,
  summary: string,
  repeat = 1,
): ScenarioCheck {
  return { type: 'scenario', scenarios, repeat, judge: (runs, ran) => everyRun(runs, ran, body, summary) };
}

import type { Judgement, ScenarioCheck } from '../../spec/claim';
import { buildHistogram, checkHistogram } from '../checkers/histogram';
import type { Implementation } from '../implementation';
import type { Json, Scenario } from '../scenario/model';
import type { ScenarioResult } from '../scenario/result';
import { validateScenario } from '../scenario/validate';
import { formatIssues } from '../scenario/validation-issues';
import { capJson, runEvidence } from './evidence';
import type { ClaimResult, Verdict } from './report-model';
import { RunAborted, runGuarded } from './guarded-run';
import { withActorKind, type ActorKindChoice } from './actor-kinds';
import { buildTimeline, representativeRun } from './timeline';
import type { PropertyBudget } from './property-check';

/**
 * Runs a claim's scenario check on an implementation and turns what happened into a verdict.
 * Whatever a check or an adapter throws becomes `error` with a message saying whose fault it
 * was; only an abort of the whole run escapes (as RunAborted).
 */

export interface CheckContext {
  implementation: Implementation;
  seed: number;
  repeatScale: number;
  /** Multiplies every scenario's time unit and deadline (RunnerOptions.timeScale). */
  timeScale: number;
  signal?: AbortSignal;
  /** History events kept per run shown in evidence. */
  maxEvents: number;
  /** How long past a scenario's deadline an implementation may take to return. */
  hangGraceMs: number;
  /** The actor kind the claim's scenarios run with, when it differs from the one they are written with (actor-kinds.ts). */
  actorKind?: ActorKindChoice;
  /** What each property check may spend (property-check.ts); default DEFAULT_PROPERTY_BUDGET. */
  budget?: PropertyBudget;
}

export interface CheckOutcome {
  verdict: Extract<Verdict, 'pass' | 'fail' | 'error'>;
  message: string;
  evidence?: Json;
  /** What reports draw: set as far as the check got. */
  details?: Pick<ClaimResult, 'seed' | 'timelines' | 'outcomes' | 'counterexample' | 'measurements'>;
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

export async function runScenarioCheck(check: ScenarioCheck, ctx: CheckContext): Promise<CheckOutcome> {
  const outcome = await runScenarios(check, ctx);
  // A generated scenario records its seed whatever the verdict, so any result can be replayed.
  if (typeof check.scenarios !== 'function') return outcome;
  return { ...outcome, details: { ...outcome.details, seed: ctx.seed } };
}

async function runScenarios(check: ScenarioCheck, ctx: CheckContext): Promise<CheckOutcome> {
  let scenarios: Scenario[];
  try {
    scenarios = typeof check.scenarios === 'function' ? check.scenarios(ctx.seed) : check.scenarios;
  } catch (e) {
    return { verdict: 'error', message: `the check threw while generating its scenarios (seed ${ctx.seed}): ${describeError(e)}` };
  }
  if (!Array.isArray(scenarios) || scenarios.length === 0) return { verdict: 'error', message: 'the check has no scenarios to run' };
  for (const [i, scenario] of scenarios.entries()) {
    const valid = validateScenario(scenario);
    if (!valid.ok) return { verdict: 'error', message: `scenario ${i + 1} (${scenarioName(scenario)}) is invalid:\n${formatIssues(valid.issues)}` };
  }
  if (check.outcomes === undefined && check.judge === undefined) return { verdict: 'error', message: 'the check has neither outcomes nor a judge' };
  // Validated as written; an implementation of another actor kind gets them with its kind (actor-kinds.ts).
  scenarios = scenarios.map((scenario) => withTimeScale(withActorKind(scenario, ctx.actorKind), ctx.timeScale));

  const repeat = Math.max(1, Math.round((check.repeat ?? 1) * ctx.repeatScale));
  const runs: ScenarioResult[][] = [];
  for (const scenario of scenarios) {
    const results: ScenarioResult[] = [];
    runs.push(results);
    for (let r = 0; r < repeat; r++) {
      if (ctx.signal?.aborted) throw new RunAborted();
      const where = `scenario "${scenario.name}" (run ${r + 1} of ${repeat})`;
      let result: ScenarioResult;
      try {
        result = await runGuarded(ctx.implementation, scenario, ctx.hangGraceMs, ctx.signal);
      } catch (e) {
        if (e instanceof RunAborted) throw e;
        return { verdict: 'error', message: `the implementation threw on ${where}: ${describeError(e)}` };
      }
      if (ctx.signal?.aborted) throw new RunAborted();
      if (result.status === 'crashed') {
        return {
          verdict: 'error',
          message: `the implementation crashed on ${where}: ${result.error ?? 'no reason given'}`,
          evidence: { crashed: runEvidence(scenario.name, r, result, ctx.maxEvents) },
          details: { timelines: [buildTimeline(scenario, result, r, repeat)] },
        };
      }
      results.push(result);
    }
  }
  return judgeRuns(check, scenarios, runs, ctx);
}

function judgeRuns(check: ScenarioCheck, scenarios: Scenario[], runs: ScenarioResult[][], ctx: CheckContext): CheckOutcome {
  const judgements: { what: string; judgement: Judgement }[] = [];
  if (check.outcomes !== undefined) {
    try {
      judgements.push({ what: 'outcomes', judgement: checkHistogram(runs.flat(), check.outcomes) });
    } catch (e) {
      return { verdict: 'error', message: `the check's outcome grading threw: ${describeError(e)}` };
    }
  }
  if (check.judge !== undefined) {
    try {
      const judgement = check.judge(runs, scenarios);
      if (judgement === null || typeof judgement !== 'object' || typeof judgement.ok !== 'boolean') {
        return { verdict: 'error', message: `the check's judge returned ${JSON.stringify(judgement)}, not a Judgement` };
      }
      judgements.push({ what: 'judge', judgement });
    } catch (e) {
      return { verdict: 'error', message: `the check's judge threw: ${describeError(e)}` };
    }
  }
  const ok = judgements.every((j) => j.judgement.ok);
  const details = drawingsOf(check, scenarios, runs, judgements.find((j) => j.what === 'judge')?.judgement);
  const message = judgements.map((j) => (judgements.length > 1 ? `${j.what}: ${j.judgement.message}` : j.judgement.message)).join('\n');
  const evidence: { [key: string]: Json } = {
    runs: scenarios.map((s, i) => ({ scenario: s.name, runs: runs[i].length, statuses: countStatuses(runs[i]) })),
  };
  for (const j of judgements) if (j.judgement.evidence !== undefined) evidence[j.what] = capJson(j.judgement.evidence);
  // A failing claim shows one run in full (cut): what a reader needs to see the failure.
  if (!ok) {
    const sample = pickSample(runs);
    if (sample !== undefined) evidence.sample = runEvidence(scenarios[sample.scenario].name, sample.run, runs[sample.scenario][sample.run], ctx.maxEvents);
  }
  return { verdict: ok ? 'pass' : 'fail', message, evidence, details };
}

/** Timelines of a representative run per scenario, the outcome histogram, and what the judge found. */
function drawingsOf(check: ScenarioCheck, scenarios: Scenario[], runs: ScenarioResult[][], judgement: Judgement | undefined): NonNullable<CheckOutcome['details']> {
  const details: NonNullable<CheckOutcome['details']> = {
    timelines: scenarios.flatMap((scenario, i) => {
      if (runs[i].length === 0) return [];
      const r = representativeRun(runs[i], check.outcomes);
      return [buildTimeline(scenario, runs[i][r], r, runs[i].length)];
    }),
  };
  if (check.outcomes !== undefined) {
    const h = buildHistogram(runs.flat(), check.outcomes);
    const seen = new Set(h.entries.map((e) => e.grade));
    details.outcomes = {
      runs: h.runs,
      entries: h.entries.map((e) => ({ key: e.key, count: e.count, grade: e.grade })),
      missing: (check.outcomes.mustSee ?? []).filter((g) => !seen.has(g)),
      describe: { ...check.outcomes.describe },
    };
  }
  if (judgement?.counterexample !== undefined) details.counterexample = judgement.counterexample;
  if (judgement?.measurements !== undefined) details.measurements = judgement.measurements;
  return details;
}

/** The first run that did not complete, else the first run. */
function pickSample(runs: ScenarioResult[][]): { scenario: number; run: number } | undefined {
  for (const [s, results] of runs.entries()) {
    const r = results.findIndex((result) => result.status !== 'completed');
    if (r >= 0) return { scenario: s, run: r };
  }
  return runs.length > 0 && runs[0].length > 0 ? { scenario: 0, run: 0 } : undefined;
}

function countStatuses(results: ScenarioResult[]): { [status: string]: Json } {
  const counts: { [status: string]: number } = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** Sleeps, timeouts and the deadline are all in units, so scaling the unit scales every one of them. */
function withTimeScale(scenario: Scenario, scale: number): Scenario {
  if (scale === 1) return scenario;
  return { ...scenario, timeUnitMs: scenario.timeUnitMs * scale, deadlineMs: scenario.deadlineMs * scale };
}

function scenarioName(scenario: unknown): string {
  const name = (scenario as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? `"${name}"` : 'unnamed';
}

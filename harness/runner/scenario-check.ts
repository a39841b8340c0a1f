import type { Judgement, ScenarioCheck } from '../../spec/claim';
import { checkHistogram } from '../checkers/histogram';
import type { Implementation } from '../implementation';
import type { Json, Scenario } from '../scenario/model';
import type { ScenarioResult } from '../scenario/result';
import { validateScenario } from '../scenario/validate';
import { formatIssues } from '../scenario/validation-issues';
import { capJson, runEvidence } from './evidence';
import type { Verdict } from './report-model';
import { RunAborted, runGuarded } from './guarded-run';

/**
 * Runs a claim's scenario check on an implementation and turns what happened into a verdict.
 * Whatever a check or an adapter throws becomes `error` with a message saying whose fault it
 * was; only an abort of the whole run escapes (as RunAborted).
 */

export interface CheckContext {
  implementation: Implementation;
  seed: number;
  repeatScale: number;
  signal?: AbortSignal;
  /** History events kept per run shown in evidence. */
  maxEvents: number;
  /** How long past a scenario's deadline an implementation may take to return. */
  hangGraceMs: number;
}

export interface CheckOutcome {
  verdict: Extract<Verdict, 'pass' | 'fail' | 'error'>;
  message: string;
  evidence?: Json;
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

export async function runScenarioCheck(check: ScenarioCheck, ctx: CheckContext): Promise<CheckOutcome> {
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
  return { verdict: ok ? 'pass' : 'fail', message, evidence };
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

function scenarioName(scenario: unknown): string {
  const name = (scenario as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? `"${name}"` : 'unnamed';
}

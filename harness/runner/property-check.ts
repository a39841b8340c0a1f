import * as fc from 'fast-check';
import type { Judgement, PropertyCheck } from '../../spec/claim';
import type { Json, Scenario } from '../scenario/model';
import type { ScenarioResult } from '../scenario/result';
import { validateScenario } from '../scenario/validate';
import { formatIssues } from '../scenario/validation-issues';
import { withActorKind } from './actor-kinds';
import { runEvidence } from './evidence';
import { RunAborted, runGuarded } from './guarded-run';
import type { CheckContext, CheckOutcome } from './scenario-check';
import { buildTimeline } from './timeline';

/**
 * Runs a property check: fast-check draws scenarios from the check's arbitrary with the run's
 * seed, each is run once on the implementation and judged; the first failure is shrunk (each
 * smaller candidate is run again) until no smaller one fails or the budget's time is spent.
 * The same seed and budget draw the same scenarios, which is what `--replay` relies on.
 */

/** How much a property check may spend: scenarios drawn (shrinking not counted) and a time cap including shrinking. */
export interface PropertyBudget {
  runs: number;
  ms: number;
}

/** Small enough that the property claims add seconds, not minutes, to a run of the catalog. */
export const DEFAULT_PROPERTY_BUDGET: PropertyBudget = { runs: 20, ms: 8_000 };

interface Failure {
  scenario: Scenario;
  result: ScenarioResult;
  judgement: Judgement;
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

export async function runPropertyCheck(check: PropertyCheck, ctx: CheckContext): Promise<CheckOutcome> {
  const given = ctx.budget ?? DEFAULT_PROPERTY_BUDGET;
  const budget: PropertyBudget = { ...given, runs: Math.min(given.runs, check.maxRuns ?? given.runs) };
  // Failures by the generated scenario's JSON: fast-check reports the shrunk value, and a
  // failed candidate may pass when re-run, so the last failure seen need not be the reported
  // one. When the time cap interrupts shrinking, the value reported may be one that was cut
  // short; the last failure recorded is then the smallest known.
  const failures = new Map<string, Failure>();
  let lastFailure: Failure | undefined;
  let problem: CheckOutcome | undefined;
  let aborted = false;
  let executed = 0;

  const property = fc.asyncProperty(check.scenarios, async (written) => {
    // After an error or an abort the remaining draws are skipped cheaply: fast-check has no "stop".
    if (problem !== undefined || aborted) return true;
    if (ctx.signal?.aborted) {
      aborted = true;
      return true;
    }
    const valid = validateScenario(written);
    if (!valid.ok) {
      problem = { verdict: 'error', message: `the arbitrary generated an invalid scenario (${written.name}):\n${formatIssues(valid.issues)}` };
      return true;
    }
    const scenario = withActorKind(written, ctx.actorKind);
    let result: ScenarioResult;
    try {
      result = await runGuarded(ctx.implementation, scenario, ctx.hangGraceMs, ctx.signal);
    } catch (e) {
      if (e instanceof RunAborted) aborted = true;
      else problem = { verdict: 'error', message: `the implementation threw on generated scenario "${scenario.name}": ${describeError(e)}` };
      return true;
    }
    executed++;
    if (result.status === 'crashed') {
      problem = {
        verdict: 'error',
        message: `the implementation crashed on generated scenario "${scenario.name}": ${result.error ?? 'no reason given'}`,
        evidence: { crashed: runEvidence(scenario.name, 0, result, ctx.maxEvents), scenario: scenario as unknown as Json },
        details: { timelines: [buildTimeline(scenario, result, 0, 1)] },
      };
      return true;
    }
    let judgement: Judgement;
    try {
      judgement = check.judge(result, scenario);
    } catch (e) {
      problem = { verdict: 'error', message: `the check's judge threw on generated scenario "${scenario.name}": ${describeError(e)}` };
      return true;
    }
    if (!judgement.ok) {
      lastFailure = { scenario, result, judgement };
      failures.set(JSON.stringify(written), lastFailure);
    }
    return judgement.ok;
  });

  const started = performance.now();
  const details = await fc.check(property, {
    seed: ctx.seed,
    numRuns: budget.runs,
    interruptAfterTimeLimit: budget.ms,
    markInterruptAsFailure: false,
  });
  if (aborted || ctx.signal?.aborted) throw new RunAborted();
  if (problem !== undefined) return problem;
  const spentMs = Math.round(performance.now() - started);
  const budgetJson = { runs: budget.runs, ms: budget.ms };

  if (!details.failed) {
    if (details.numRuns === 0) return { verdict: 'error', message: `no generated scenario ran within the budget (${budget.ms} ms)` };
    const cut = details.interrupted ? `, stopped by the ${budget.ms} ms time cap` : '';
    return {
      verdict: 'pass',
      message: `${details.numRuns} generated scenario(s) held${cut}`,
      evidence: { scenarios: details.numRuns, executed, spentMs, budget: budgetJson },
    };
  }
  const shrunk = details.counterexample?.[0];
  const failure = (shrunk === undefined ? undefined : failures.get(JSON.stringify(shrunk))) ?? lastFailure;
  if (failure === undefined) {
    return { verdict: 'error', message: `fast-check reported a failure that no run recorded${details.errorInstance === undefined ? '' : `: ${describeError(details.errorInstance)}`}` };
  }
  const { scenario, result, judgement } = failure;
  return {
    verdict: 'fail',
    message: `${judgement.message} (minimal scenario "${scenario.name}" after ${details.numShrinks} shrinking step(s), found in scenario ${details.numRuns} of ${budget.runs})`,
    evidence: {
      scenarios: details.numRuns,
      shrinks: details.numShrinks,
      executed,
      spentMs,
      budget: budgetJson,
      ...(judgement.evidence === undefined ? {} : { judge: judgement.evidence }),
      sample: runEvidence(scenario.name, 0, result, ctx.maxEvents),
    },
    details: {
      timelines: [buildTimeline(scenario, result, 0, 1)],
      counterexample: { scenario, message: judgement.message, seed: ctx.seed, shrinks: details.numShrinks },
    },
  };
}

import { actorKindsOf, type Claim } from '../../spec/claim';
import type { Implementation } from '../implementation';
import type { Reporter } from '../report/reporter';
import { DEFAULT_MAX_EVENTS } from './evidence';
import { RunAborted } from './guarded-run';
import { REPORT_FORMAT_VERSION, summarize, type ClaimResult, type ImplementationInfo, type RunReport, type Verdict } from './report-model';
import { runScenarioCheck, type CheckContext, type CheckOutcome } from './scenario-check';
import { runServerCheck } from './server-check';
import { runPropertyCheck, type PropertyBudget } from './property-check';
import { applicability, type ActorKindChoice } from './actor-kinds';
import { isolationOf } from './claim-isolation';
import { runScheduled } from './claim-scheduler';

/**
 * Runs claims against one implementation, one at a time or several side by side
 * (`concurrency`), and produces the report. The
 * harness knows no specific claim and no specific implementation: the verdict of a claim
 * follows from its kind, its status, the implementation's capabilities and its check.
 */

export interface RunnerOptions {
  implementation: Implementation;
  /** Already selected (see claim-selection.ts), in the order to run. */
  claims: readonly Claim[];
  seed: number;
  /** Multiplies every check's `repeat` (at least one run each). Default 1. */
  repeatScale?: number;
  /**
   * Multiplies every scenario's time unit and deadline (sleeps, timeouts and deadlines are all
   * in units, so one knob scales them together). Default 1: the units the claims are written in.
   */
  timeScale?: number;
  /**
   * How many claims may run at once. Exclusive claims (claim-isolation.ts) still run alone, and
   * an implementation that serves one run at a time (`maxConcurrentRuns`) caps it. Default 1.
   * The report lists claims in the selection's order whatever the concurrency.
   */
  concurrency?: number;
  /** The patterns the claims were selected with, recorded in the report. */
  selection?: string[];
  /** Interrupts the run: the current claim is dropped and the report is marked incomplete. */
  signal?: AbortSignal;
  reporters?: Reporter[];
  maxEvidenceEvents?: number;
  hangGraceMs?: number;
  /** What each property check may spend; default DEFAULT_PROPERTY_BUDGET (property-check.ts). */
  budget?: PropertyBudget;
}

export function implementationInfo(implementation: Implementation): ImplementationInfo {
  return {
    name: implementation.name,
    version: implementation.version,
    runtime: implementation.runtime,
    capabilities: [...implementation.capabilities].sort(),
  };
}

export async function runClaims(options: RunnerOptions): Promise<RunReport> {
  const { implementation, claims, signal } = options;
  const reporters = options.reporters ?? [];
  const repeatScale = options.repeatScale ?? 1;
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new RangeError(`timeScale must be a positive number, not ${timeScale}`);
  const startedAt = new Date().toISOString();
  const info = implementationInfo(implementation);
  const ctx: CheckContext = {
    implementation,
    seed: options.seed,
    repeatScale,
    timeScale,
    ...(signal === undefined ? {} : { signal }),
    maxEvents: options.maxEvidenceEvents ?? DEFAULT_MAX_EVENTS,
    // Generous: starting a hundred worker threads before a run is not part of its deadline.
    hangGraceMs: options.hangGraceMs ?? 60_000,
    ...(options.budget === undefined ? {} : { budget: options.budget }),
  };
  notify(reporters, (r) => r.onRunStart?.({ implementation: info, total: claims.length, seed: options.seed }));

  const concurrency = Math.max(1, Math.min(options.concurrency ?? 1, implementation.maxConcurrentRuns ?? 1));
  let complete = true;
  const outcomes = await runScheduled(
    claims,
    { concurrency, isExclusive: (claim) => concurrency > 1 && isolationOf(claim, options.seed) === 'exclusive', stopped: () => !complete || signal?.aborted === true },
    async (claim, index): Promise<ClaimResult | undefined> => {
      notify(reporters, (r) => r.onClaimStart?.(claim, index, claims.length));
      const started = performance.now();
      let decided: Decision;
      try {
        decided = await decide(claim, ctx);
      } catch (e) {
        if (e instanceof RunAborted || signal?.aborted) {
          complete = false;
          return undefined;
        }
        decided = { verdict: 'error', message: `the runner failed on this claim: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
      }
      const result = claimResult(claim, decided, performance.now() - started);
      notify(reporters, (r) => r.onClaimEnd?.(result, index, claims.length));
      return result;
    },
  );
  // An interrupted run reports the claims that finished, in the selection's order.
  const results = outcomes.filter((r): r is ClaimResult => r !== undefined);
  if (results.length < claims.length) complete = false;

  const report: RunReport = {
    formatVersion: REPORT_FORMAT_VERSION,
    implementation: info,
    startedAt,
    finishedAt: new Date().toISOString(),
    complete,
    seed: options.seed,
    repeatScale,
    ...(timeScale === 1 ? {} : { timeScale }),
    ...(concurrency === 1 ? {} : { concurrency }),
    selection: options.selection ?? [],
    summary: summarize(results),
    claims: results,
  };
  // Writing the report is what an interrupted run still owes its user: every reporter gets it,
  // and a reporter that fails does not keep the others from writing.
  const failures: unknown[] = [];
  for (const reporter of reporters) {
    try {
      await reporter.onRunEnd(report);
    } catch (e) {
      failures.push(e);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} reporter(s) failed: ${failures.map(String).join('; ')}`);
  return report;
}

function claimResult(claim: Claim, decided: Decision, durationMs: number): ClaimResult {
  return {
    id: claim.id,
    title: claim.title,
    topic: claim.topic,
    kind: claim.kind,
    level: claim.level,
    verdict: decided.verdict,
    durationMs: Math.round(durationMs * 10) / 10,
    message: decided.message,
    ...(decided.evidence === undefined ? {} : { evidence: decided.evidence }),
    source: claim.source,
    ...(claim.contest === undefined ? {} : { contest: claim.contest }),
    ...decided.details,
  };
}

type Decision = Pick<ClaimResult, 'verdict' | 'message' | 'evidence'> & { details?: CheckOutcome['details'] };

async function decide(claim: Claim, ctx: CheckContext): Promise<Decision> {
  if (claim.kind === 'informational') return { verdict: 'informational', message: claim.reason ?? 'not testable' };
  if (claim.status === 'pending') {
    const when = claim.plannedIn === undefined ? 'a later issue' : `issue #${claim.plannedIn}`;
    return { verdict: 'pending', message: `belongs to ${when}; not run yet` };
  }
  if (claim.kind === 'contested' && claim.check === undefined) {
    const contest = claim.contest;
    return { verdict: 'contested', message: contest === undefined ? 'contested' : `the document says: ${contest.says}; actually: ${contest.actually}` };
  }
  const { missing, kind } = applicability(claim.capabilities, actorKindsOf(claim.check), (c) => ctx.implementation.capabilities.has(c));
  if (missing.length > 0) {
    return { verdict: 'not-applicable', message: `${ctx.implementation.name} lacks: ${missing.join(', ')}` };
  }
  if (claim.check === undefined) return { verdict: 'error', message: 'an executable claim without a check' };
  const type: string = claim.check.type;
  if (claim.check.type === 'server') {
    const outcome = await runServerCheck(claim.check, ctx);
    return { verdict: outcome.verdict, message: outcome.message, ...('evidence' in outcome && outcome.evidence !== undefined ? { evidence: outcome.evidence } : {}), ...('details' in outcome && outcome.details !== undefined ? { details: outcome.details } : {}) };
  }
  if (claim.check.type !== 'scenario' && claim.check.type !== 'property') return { verdict: 'error', message: `this runner does not know checks of type "${type}"` };
  const rewritten = kind !== undefined && kind.chosen !== kind.written ? kind : undefined;
  const kindCtx = rewritten === undefined ? ctx : { ...ctx, actorKind: rewritten };
  const outcome = claim.check.type === 'scenario' ? await runScenarioCheck(claim.check, kindCtx) : withSeed(await runPropertyCheck(claim.check, kindCtx), ctx.seed);
  const verdict: Verdict = outcome.verdict;
  const decision: Decision = { verdict, message: outcome.message, ...(outcome.evidence === undefined ? {} : { evidence: outcome.evidence }), ...(outcome.details === undefined ? {} : { details: outcome.details }) };
  return rewritten === undefined ? decision : ranAs(decision, rewritten);
}

/** Generated scenarios record their seed whatever the verdict, so any result can be replayed. */
function withSeed(outcome: CheckOutcome, seed: number): CheckOutcome {
  return { ...outcome, details: { ...outcome.details, seed } };
}

/** Says in the verdict that the scenarios ran with another actor kind than they are written with. */
function ranAs(decision: Decision, kind: ActorKindChoice): Decision {
  const note = `scenarios written with ${kind.written} actors ran with ${kind.chosen} actors`;
  const evidence = decision.evidence !== null && typeof decision.evidence === 'object' && !Array.isArray(decision.evidence) ? decision.evidence : decision.evidence === undefined ? {} : { evidence: decision.evidence };
  return { ...decision, message: `${decision.message} (${note})`, evidence: { ...evidence, actorKind: { written: kind.written, ran: kind.chosen } } };
}

/** Progress reporting must never stop a run: a reporter's exception is dropped here. */
function notify(reporters: Reporter[], call: (r: Reporter) => void): void {
  for (const reporter of reporters) {
    try {
      call(reporter);
    } catch {
      // progress output only
    }
  }
}

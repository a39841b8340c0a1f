import * as fc from 'fast-check';
import type { Judgement, ProbeContext, ServerCheck } from '../claim';
import type { Json } from '../../harness/scenario/model';
import type { ServerRequest, ServerTarget } from '../../harness/server/server-model';

/**
 * A generated property of a whole server: a server check whose probe draws its inputs with
 * fast-check from the run's seed, probes the one running server with each and, on a failure,
 * shrinks to the smallest input that still fails (each candidate probed again). The report's
 * evidence names that input as `minimal`. For servers, where a scenario cannot reach: the
 * server is started once, as for a hand-written server check.
 */

export interface ServerPropertyBudget {
  runs: number;
  ms: number;
}

export function serverProperty<T>(
  server: ServerRequest,
  inputs: fc.Arbitrary<T>,
  probeOne: (target: ServerTarget, input: T, index: number, ctx: ProbeContext) => Promise<Judgement>,
  budget: ServerPropertyBudget,
): ServerCheck {
  return {
    type: 'server',
    server,
    deadlineMs: budget.ms + 30_000,
    probe: async (target, ctx): Promise<Judgement> => {
      const failures = new Map<string, Judgement>();
      let probes = 0;
      const property = fc.asyncProperty(inputs, async (input) => {
        if (ctx.signal.aborted) return true;
        const judgement = await probeOne(target, input, probes++, ctx);
        if (!judgement.ok) failures.set(JSON.stringify(input), judgement);
        return judgement.ok;
      });
      const details = await fc.check(property, { seed: ctx.seed, numRuns: budget.runs, interruptAfterTimeLimit: budget.ms, markInterruptAsFailure: false });
      if (!details.failed) {
        return details.numRuns === 0
          ? { ok: false, message: `no generated input was probed within ${budget.ms} ms` }
          : { ok: true, message: `${details.numRuns} generated input(s) held`, evidence: { inputs: details.numRuns, probes } };
      }
      const minimal = details.counterexample?.[0] as T | undefined;
      const judgement = (minimal === undefined ? undefined : failures.get(JSON.stringify(minimal))) ?? [...failures.values()].pop();
      const evidence: { [key: string]: Json } = { minimal: (minimal ?? null) as Json, shrinks: details.numShrinks, probes };
      if (judgement?.evidence !== undefined) evidence['judge'] = judgement.evidence;
      return {
        ok: false,
        message: `${judgement?.message ?? 'failed'} (minimal input ${JSON.stringify(minimal ?? null)} after ${details.numShrinks} shrinking step(s), found in input ${details.numRuns} of ${budget.runs})`,
        evidence,
      };
    },
  };
}

/**
 * Server checks that load a server with autocannon (harness/load/autocannon-run.ts): one run
 * with a single connection, one with many, each a short warm-up and a measured window, and a
 * judge from harness/checkers/load-ratios.ts over the two samples. Bounded in time (whole
 * seconds per run, a deadline on the probe) and in count (a cap on requests), loopback only.
 */
import type { Judgement, ServerCheck } from '../claim';
import type { LoadWorkKind, SocketserverModel } from '../../impl/net/http/serve-request';
import { runLoad } from '../../harness/load/autocannon-run';
import type { LoadSample } from '../../harness/load/load-sample';

export interface LoadProbePlan {
  model: SocketserverModel;
  work: LoadWorkKind;
  sleepMs?: number;
  cpuIterations?: number;
  /** The connection counts compared; default 1 and 8. */
  connections?: [number, number];
  /** Seconds per run, the first `warmupSeconds` not measured; default 2 and 1. */
  seconds?: number;
  warmupSeconds?: number;
}

const MAX_REQUESTS_PER_RUN = 200_000;

export function loadCheck(plan: LoadProbePlan, judge: (samples: LoadSample[], server: string) => Judgement): ServerCheck {
  const seconds = plan.seconds ?? 2;
  const [few, many] = plan.connections ?? [1, 8];
  return {
    type: 'server',
    server: {
      protocol: 'http-load',
      model: plan.model,
      options: {
        work: plan.work,
        ...(plan.sleepMs === undefined ? {} : { sleepMs: plan.sleepMs }),
        ...(plan.cpuIterations === undefined ? {} : { cpuIterations: plan.cpuIterations }),
      },
    },
    deadlineMs: 2 * seconds * 1000 + 30_000,
    probe: async (target, context) => {
      const samples: LoadSample[] = [];
      for (const connections of [few, many]) {
        samples.push(
          await runLoad(
            { server: plan.model, work: plan.work },
            { host: target.host, port: target.port, connections, seconds, warmupSeconds: plan.warmupSeconds ?? 1, maxRequests: MAX_REQUESTS_PER_RUN, signal: context.signal },
          ),
        );
      }
      return judge(samples, plan.model);
    },
  };
}

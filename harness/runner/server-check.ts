import type { ServerCheck } from '../../spec/claim';
import type { Json } from '../scenario/model';
import { describeRequest, ServerUnavailable, type RunningServer, type ServerRequest } from '../server/server-model';
import { capJson } from './evidence';
import { RunAborted } from './guarded-run';
import type { CheckContext, CheckOutcome } from './scenario-check';

/**
 * Runs a server check: the implementation starts the server the claim asks for (or the
 * `--target` implementation hands over the one it names), the claim's probe talks to it as a
 * client, and the server is stopped whatever happened. Every step has a deadline, so a server
 * that never comes up, a probe that hangs or a server that will not stop cannot hold up the run.
 */

export type ServerCheckOutcome = CheckOutcome | { verdict: 'not-applicable'; message: string };

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
const DEFAULT_PROBE_DEADLINE_MS = 60_000;

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

export async function runServerCheck(check: ServerCheck, ctx: CheckContext): Promise<ServerCheckOutcome> {
  const { implementation } = ctx;
  const wanted = describeRequest(check.server);
  if (implementation.startServer === undefined) return { verdict: 'not-applicable', message: `${implementation.name} starts no servers (${wanted} asked for)` };
  if (ctx.signal?.aborted) throw new RunAborted();

  const started = await startOne(check.server, ctx);
  if ('verdict' in started) return started;
  const server = started.server;
  let baseline: RunningServer | undefined;
  if (check.baseline !== undefined) {
    const other = await startOne(check.baseline, ctx).catch(async (e: unknown) => {
      await server.stop();
      throw e;
    });
    if ('verdict' in other) {
      await within(server.stop(), STOP_TIMEOUT_MS, 'stop').catch(() => undefined);
      return { ...other, message: `baseline: ${other.message}` };
    }
    baseline = other.server;
  }

  // Facts are read after the probe: what the server saw (its handler errors, its children) is part of them.
  const where = (): { [key: string]: Json } => ({
    server: wanted,
    target: `${server.target.host}:${server.target.port}`,
    ...(server.facts === undefined ? {} : { facts: capJson(server.facts) }),
    ...(baseline === undefined ? {} : { baseline: describeRequest(check.baseline!), ...(baseline.facts === undefined ? {} : { baselineFacts: capJson(baseline.facts) }) }),
  });
  let outcome: ServerCheckOutcome;
  try {
    outcome = await probe(check, server, baseline, ctx, where);
  } finally {
    const stopped = await within(Promise.all([server.stop(), baseline?.stop()]), STOP_TIMEOUT_MS, 'stop').then(
      () => true,
      () => false,
    );
    if (!stopped) outcome = { verdict: 'error', message: `the ${wanted} server did not stop within ${STOP_TIMEOUT_MS} ms`, evidence: where() };
  }
  if (ctx.signal?.aborted) throw new RunAborted();
  return outcome!;
}

/** Starts one requested server, or says why the claim cannot run (not-applicable or error). */
async function startOne(request: ServerRequest, ctx: CheckContext): Promise<{ server: RunningServer } | ServerCheckOutcome> {
  const { implementation } = ctx;
  const wanted = describeRequest(request);
  try {
    return { server: await within(implementation.startServer!(request, ctx.signal === undefined ? {} : { signal: ctx.signal }), START_TIMEOUT_MS, `the ${wanted} server did not start within ${START_TIMEOUT_MS} ms`) };
  } catch (e) {
    if (ctx.signal?.aborted) throw new RunAborted();
    if (e instanceof ServerUnavailable) return { verdict: 'not-applicable', message: e.message };
    return { verdict: 'error', message: `${implementation.name} could not start the ${wanted} server: ${describeError(e)}` };
  }
}

async function probe(check: ServerCheck, server: RunningServer, baseline: RunningServer | undefined, ctx: CheckContext, where: () => { [key: string]: Json }): Promise<ServerCheckOutcome> {
  const deadlineMs = check.deadlineMs ?? DEFAULT_PROBE_DEADLINE_MS;
  const stop = new AbortController();
  const signal = ctx.signal === undefined ? stop.signal : AbortSignal.any([ctx.signal, stop.signal]);
  let judgement;
  try {
    judgement = await within(check.probe(server.target, { seed: ctx.seed, signal, ...(baseline === undefined ? {} : { baseline: baseline.target }) }), deadlineMs, `the probe did not finish within ${deadlineMs} ms`);
  } catch (e) {
    if (ctx.signal?.aborted) throw new RunAborted();
    // The server offers nothing this probe needs (a query, a trigger): the claim cannot be judged on it.
    if (e instanceof ServerUnavailable) return { verdict: 'not-applicable', message: e.message };
    return { verdict: 'error', message: `the check's probe threw: ${describeError(e)}`, evidence: where() };
  } finally {
    stop.abort();
  }
  if (judgement === null || typeof judgement !== 'object' || typeof judgement.ok !== 'boolean') {
    return { verdict: 'error', message: `the check's probe returned ${JSON.stringify(judgement)}, not a Judgement`, evidence: where() };
  }
  const evidence: { [key: string]: Json } = { ...where(), ...(judgement.evidence === undefined ? {} : { probe: capJson(judgement.evidence) }) };
  return {
    verdict: judgement.ok ? 'pass' : 'fail',
    message: judgement.message,
    evidence,
    ...(judgement.measurements === undefined ? {} : { details: { measurements: judgement.measurements } }),
  };
}

/** The promise, or a rejection with `message` once `ms` have passed, leaving no timer behind. */
async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

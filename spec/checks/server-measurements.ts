import type { Judgement, ServerCheck } from '../claim';
import { measureConnectionCosts, measureScale, type ConnectionCosts, type ScaleTimes } from '../../harness/net-probes/cost-probe';
import { measureIdleCpu, type IdleUsage } from '../../harness/net-probes/idle-cpu-probe';

/**
 * Measurement claims about servers, judged as ratios within one run (never absolute times: the
 * machine is shared and noisy), with margins wide enough that load cannot flip them.
 */

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** A new connection costs the forking server more than the threading one: medians, ratio above 1.2. */
export function judgeForkingCostsMore(costs: ConnectionCosts): Judgement {
  const forking = median(costs.server);
  const threading = median(costs.baseline);
  const ratio = forking / threading;
  const ok = ratio > 1.2;
  return {
    ok,
    message: `median per connection: processes ${round(forking)} ms, threads ${round(threading)} ms (ratio ${round(ratio)}${ok ? ' > 1.2' : ', not above 1.2'})`,
    evidence: { forkingMs: costs.server.map(round), threadingMs: costs.baseline.map(round), ratio: round(ratio) },
    measurements: [{ name: 'time per connection', unit: 'ms', values: [{ label: 'ForkingTCPServer', value: round(forking) }, { label: 'ThreadingTCPServer', value: round(threading) }] }],
  };
}

/**
 * select's advantage grows with the number of connections: the event loop's time relative to
 * threads is lower, by a fifth at least, for many clients at once than for exchanges on one
 * connection. How the two compare on one connection depends on the runtime (the reference's
 * threads relay every chunk through the accepting thread, so they are slower there than
 * CPython's); it is reported, not judged.
 */
export function judgeSelectAdvantageIsScale(eventLoop: ScaleTimes, threads: ScaleTimes): Judgement {
  const single = eventLoop.perExchangeMs / threads.perExchangeMs;
  const many = eventLoop.manyClientsMs / threads.manyClientsMs;
  const grows = many < single * 0.8;
  const evidence = { eventLoop: { perExchangeMs: round(eventLoop.perExchangeMs), manyClientsMs: round(eventLoop.manyClientsMs) }, threads: { perExchangeMs: round(threads.perExchangeMs), manyClientsMs: round(threads.manyClientsMs) }, ratioOne: round(single), ratioMany: round(many) };
  return {
    ok: grows,
    message: `event loop / threads: ${round(single)} per exchange on one connection, ${round(many)} for many clients at once${grows ? ': the advantage grows with connections' : ' (the advantage did not grow with connections)'}`,
    evidence,
    measurements: [
      { name: 'one connection, per exchange', unit: 'ms', values: [{ label: 'event loop', value: evidence.eventLoop.perExchangeMs }, { label: 'threads', value: evidence.threads.perExchangeMs }] },
      { name: 'many clients at once', unit: 'ms', values: [{ label: 'event loop', value: evidence.eventLoop.manyClientsMs }, { label: 'threads', value: evidence.threads.manyClientsMs }] },
    ],
  };
}

/** While waiting in select with a silent client, the server used under a quarter of the wall time on the CPU. */
export function judgeIdleSelect(usage: IdleUsage): Judgement {
  const share = usage.cpuSeconds / usage.wallSeconds;
  const ok = share < 0.25;
  return {
    ok,
    message: `waiting ${round(usage.wallSeconds)} s for a silent client, the server used ${round(usage.cpuSeconds)} s of CPU (${Math.round(share * 100)}% of the wait${ok ? '' : ': it polls'})`,
    evidence: { wallSeconds: round(usage.wallSeconds), cpuSeconds: round(usage.cpuSeconds) },
  };
}

export const forkingCostsMore: ServerCheck = {
  type: 'server',
  server: { protocol: 'echo-upper', model: 'forking' },
  baseline: { protocol: 'echo-upper', model: 'threading' },
  deadlineMs: 120_000,
  probe: async (target, ctx) => judgeForkingCostsMore(await measureConnectionCosts([target.host, target.port], [ctx.baseline!.host, ctx.baseline!.port], 7)),
};

export const selectDoesNotBusyPoll: ServerCheck = {
  type: 'server',
  server: { protocol: 'echo-upper', model: 'event-loop' },
  probe: async (target) => {
    const pid = target.info['pid'];
    if (typeof pid !== 'number') throw new Error("the target's info gives no server pid: its CPU time cannot be read");
    return judgeIdleSelect(await measureIdleCpu([target.host, target.port], pid, 1500));
  },
};

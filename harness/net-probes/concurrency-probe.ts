/**
 * Does the server serve a second client while the first is still connected? The first client
 * connects and is answered, then stays connected; the second connects and sends. If the second
 * is answered before the first disconnects, the server is concurrent; if its answer comes only
 * after, it is serial (003 §37). Judged from the order of events, never from durations; the
 * patience only bounds how long the first client stays.
 */
import { attempt, connectTo, exchange } from './probe-client';
import type { ProbeOptions, ProbeResult, Target } from './probe-result';

export type ServiceModel = 'serial' | 'concurrent';

export async function probeConcurrency(target: Target, expected: ServiceModel, options: ProbeOptions = {}): Promise<ProbeResult> {
  const timeout = options.timeout ?? 10;
  const patience = options.patienceMs ?? 1500;
  const probe = `serves-${expected}`;
  const events: string[] = [];
  const first = await attempt(() => connectTo(target, timeout));
  if (!first.ok) return { probe, verdict: 'fail', message: `cannot connect: ${first.error}`, evidence: { events } };
  const a = first.value;
  let b: Awaited<ReturnType<typeof connectTo>> | null = null;
  try {
    const answeredA = await attempt(() => exchange(a, Buffer.from('first'), timeout));
    if (!answeredA.ok) return { probe, verdict: 'inconclusive', message: `the first client was not answered: ${answeredA.error}`, evidence: { events } };
    events.push('first answered');
    const second = await attempt(() => connectTo(target, timeout));
    if (!second.ok) return { probe, verdict: expected === 'serial' ? 'inconclusive' : 'fail', message: `a second client could not connect: ${second.error}`, evidence: { events } };
    b = second.value;
    events.push('second connected');
    const reply = exchange(b, Buffer.from('second'), timeout + patience / 1000).then(
      () => events.push('second answered'),
      (error: Error) => events.push(`second failed: ${error.name}`),
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([reply, new Promise((resolve) => (timer = setTimeout(resolve, patience)))]);
    clearTimeout(timer);
    events.push('first disconnects');
    a.close();
    await reply;
  } finally {
    a.close();
    b?.close();
  }
  const answered = events.indexOf('second answered');
  const left = events.indexOf('first disconnects');
  if (answered < 0) return { probe, verdict: 'fail', message: 'the second client was never answered, even after the first left', evidence: { events } };
  const observed: ServiceModel = answered < left ? 'concurrent' : 'serial';
  return {
    probe,
    verdict: observed === expected ? 'pass' : 'fail',
    message:
      observed === 'concurrent'
        ? 'the second client was answered while the first was still connected'
        : `the second client was answered only after the first disconnected (waited ${patience} ms with both connected)`,
    evidence: { events, observed },
  };
}

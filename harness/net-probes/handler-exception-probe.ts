/**
 * Does an exception in one connection's handler end only that connection? Needs a way to make
 * the server's handler raise (`exceptionTrigger`); without one the probe is inconclusive. The
 * victim connection must end (EOF or reset); a bystander connected before must still be served
 * if the server is concurrent, and a new client must be served afterwards.
 */
import { attempt, connectTo, endOf, exchange, withDeadline } from './probe-client';
import type { ProbeOptions, ProbeResult, Target } from './probe-result';

export async function probeHandlerException(target: Target, options: ProbeOptions = {}): Promise<ProbeResult> {
  const probe = 'survives-handler-exception';
  const timeout = options.timeout ?? 10;
  if (!options.exceptionTrigger) {
    return { probe, verdict: 'unsupported', message: 'no way to make this server\'s handler raise was given (exceptionTrigger)', evidence: null };
  }
  const events: string[] = [];
  const victim = await attempt(() => connectTo(target, timeout));
  if (!victim.ok) return { probe, verdict: 'fail', message: `cannot connect: ${victim.error}`, evidence: { events } };
  try {
    const trigger = options.exceptionTrigger;
    await attempt(() => withDeadline(victim.value.sendall(trigger), timeout));
    const end = await endOf(victim.value, timeout);
    events.push(`victim connection: ${end}`);
    if (end === 'open') return { probe, verdict: 'fail', message: 'the connection whose handler should have raised stayed open', evidence: { events } };
  } finally {
    victim.value.close();
  }
  const next = await attempt(() => connectTo(target, timeout));
  if (!next.ok) return { probe, verdict: 'fail', message: `after the exception the server refuses connections: ${next.error}`, evidence: { events } };
  try {
    const reply = await attempt(() => exchange(next.value, Buffer.from('after'), timeout));
    events.push(reply.ok ? `next client answered ${JSON.stringify(reply.value.toString())}` : `next client: ${reply.error}`);
    const ok = reply.ok && reply.value.toString() === 'AFTER';
    return { probe, verdict: ok ? 'pass' : 'fail', message: ok ? 'the raising handler ended only its connection; the next client was served' : 'after the handler exception the next client was not served', evidence: { events } };
  } finally {
    next.value.close();
  }
}

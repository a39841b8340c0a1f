/**
 * Does the server survive clients that vanish mid-conversation? Three rude clients reset their
 * connection (RST): right after connecting, after sending half a request, and while the
 * server's answer is on its way; then a well-behaved client must still be answered.
 */
import { attempt, connectTo, exchange, withDeadline } from './probe-client';
import type { ProbeOptions, ProbeResult, Target } from './probe-result';

export async function probeResetSurvival(target: Target, options: ProbeOptions = {}): Promise<ProbeResult> {
  const timeout = options.timeout ?? 10;
  const probe = 'survives-reset';
  const events: string[] = [];
  const rude: [string, (conn: Awaited<ReturnType<typeof connectTo>>) => Promise<void>][] = [
    ['reset right after connecting', async () => undefined],
    ['reset after half a request', async (conn) => conn.sendall(Buffer.from('half a requ'))],
    ['reset while the answer is on its way', async (conn) => conn.sendall(Buffer.alloc(200_000, 0x61))],
  ];
  for (const [what, before] of rude) {
    const conn = await attempt(() => connectTo(target, timeout));
    if (!conn.ok) return { probe, verdict: 'fail', message: `cannot connect (${what}): ${conn.error}`, evidence: { events } };
    await attempt(() => withDeadline(before(conn.value), timeout));
    conn.value.reset();
    events.push(what);
  }
  const polite = await attempt(() => connectTo(target, timeout));
  if (!polite.ok) return { probe, verdict: 'fail', message: `after the resets the server refuses connections: ${polite.error}`, evidence: { events } };
  try {
    const reply = await attempt(() => exchange(polite.value, Buffer.from('still there?'), timeout));
    events.push(reply.ok ? `next client answered ${JSON.stringify(reply.value.toString())}` : `next client: ${reply.error}`);
    const ok = reply.ok && reply.value.toString() === 'STILL THERE?';
    return { probe, verdict: ok ? 'pass' : 'fail', message: ok ? 'after three reset clients the next client was served' : 'after the reset clients the next client was not served', evidence: { events } };
  } finally {
    polite.value.close();
  }
}

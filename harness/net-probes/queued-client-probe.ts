/**
 * 002's servers build a listener per client and drop it after one accept: a client that
 * connected while the first was being accepted is reset with the dropped listener, or refused
 * before the next listen(). Two clients connect at the same moment (both handshakes complete in
 * the kernel before the server accepts either), then each asks for its echo.
 */
import { attempt, connectTo, exchange } from './probe-client';
import type { ProbeOptions, ProbeResult, Target } from './probe-result';

export interface QueuedClients {
  first: string;
  second: string;
}

export async function probeQueuedClients(target: Target, options: ProbeOptions = {}): Promise<ProbeResult> {
  const timeout = options.timeout ?? 5;
  const [a, b] = await Promise.all([attempt(() => connectTo(target, timeout)), attempt(() => connectTo(target, timeout))]);
  try {
    const first = a.ok ? await attempt(() => exchange(a.value, Buffer.from('hi0'), timeout)) : a;
    const second = b.ok ? await attempt(() => exchange(b.value, Buffer.from('hi1'), timeout)) : b;
    return judgeQueuedClients({ first: first.ok ? first.value.toString() : first.error, second: second.ok ? second.value.toString() : second.error });
  } finally {
    if (a.ok) a.value.close();
    if (b.ok) b.value.close();
  }
}

/** The document's server as it really behaves: the first client is served, the queued one is not. */
export function judgeQueuedClients(seen: QueuedClients): ProbeResult {
  const probe = 'listener-per-client';
  if (seen.first !== 'HI0') return { probe, verdict: 'inconclusive', message: `the first client was not served: ${seen.first}`, evidence: { ...seen } };
  const servedSecond = seen.second === 'HI1';
  return {
    probe,
    verdict: servedSecond ? 'fail' : 'pass',
    message: servedSecond ? 'the client queued behind the first was served: this server keeps its listener' : `the first client got its echo; the one that connected right after it got ${seen.second}`,
    evidence: { ...seen },
  };
}

/**
 * Is the server at the target an echo-upper server (001 §九)? Sends several messages on one
 * connection and expects each back as `bytes.upper()`: ASCII letters upper-cased, everything
 * else unchanged, same length.
 */
import { asciiUpper } from '../../impl/net/socketserver/echo-upper-handler';
import { attempt, connectTo, exchange } from './probe-client';
import type { ProbeOptions, ProbeResult, Target } from './probe-result';

const MESSAGES = ['hello', 'Hello, World! 123', 'already UPPER', 'a'.repeat(900), 'mixed_Case-with.punctuation~'];

export async function probeEchoUpper(target: Target, options: ProbeOptions = {}): Promise<ProbeResult> {
  const timeout = options.timeout ?? 10;
  const probe = 'echo-upper';
  const connected = await attempt(() => connectTo(target, timeout));
  if (!connected.ok) return { probe, verdict: 'fail', message: `cannot connect: ${connected.error}`, evidence: { connect: connected.error } };
  const conn = connected.value;
  const exchanges: { sent: string; expected: string; received: string | null; error?: string }[] = [];
  try {
    for (const text of MESSAGES) {
      const sent = Buffer.from(text);
      const expected = asciiUpper(sent).toString('latin1');
      const reply = await attempt(() => exchange(conn, sent, timeout));
      exchanges.push(reply.ok ? { sent: text, expected, received: reply.value.toString('latin1') } : { sent: text, expected, received: null, error: reply.error });
      if (!reply.ok || reply.value.toString('latin1') !== expected) {
        return { probe, verdict: 'fail', message: `sent ${JSON.stringify(text.slice(0, 40))}, expected its upper-case echo, got ${reply.ok ? JSON.stringify(reply.value.toString('latin1').slice(0, 40)) : reply.error}`, evidence: { exchanges } };
      }
    }
    return { probe, verdict: 'pass', message: `${MESSAGES.length} messages echoed upper-cased on one connection`, evidence: { exchanges: exchanges.map((e) => e.sent.slice(0, 40)) } };
  } finally {
    conn.close();
  }
}

/**
 * 001 §十's challenge–response from the client's side, against an hmac-echo-upper server whose
 * key the target's info gives (`keyHex`, `digest`). Frames are 4-byte little-endian length +
 * bytes (impl/net/hmac-auth.ts). The probe plays a legitimate client twice (recording the
 * challenges and one answer), then the impostors: a wrong key, the replay of an earlier answer,
 * a truncated and an oversized answer; then a legitimate client once more.
 */
import { answerChallenge, type HmacDigest } from '../../impl/net/hmac-auth';
import { packInt32 } from '../../impl/net/length-prefix';
import type { StreamConnection } from '../../impl/net/stream-connection';
import type { Json } from '../scenario/model';
import { attempt, connectTo, exchange } from './probe-client';
import type { Target } from './probe-result';

export type Attempt = 'legitimate' | 'wrong-key' | 'replayed-answer' | 'truncated-answer' | 'oversized-answer' | 'legitimate-afterwards';

export interface AuthAttempt {
  attempt: Attempt;
  /** The challenge the server sent, hex. */
  challenge: string;
  /** What the server said: its verdict frame's text, 'closed' if it hung up instead. */
  verdict: string;
  /** For accepted clients: did echo-upper work afterwards. */
  servedAfter: boolean | null;
}

async function readFrame(conn: StreamConnection, timeout: number): Promise<Buffer | null> {
  const head = await attempt(() => conn.recvExactly(4, { timeout }));
  if (!head.ok) return null;
  const n = head.value.readInt32LE(0);
  if (n < 0 || n > 4096) return null;
  const body = await attempt(() => conn.recvExactly(n, { timeout }));
  return body.ok ? body.value : null;
}

const frame = (data: Uint8Array) => Buffer.concat([packInt32(data.length, 'little'), data]);

export async function probeHmacAuth(target: Target, info: { [key: string]: Json }, timeout = 10): Promise<AuthAttempt[]> {
  if (typeof info['keyHex'] !== 'string') throw new Error('the target\'s info gives no shared key (keyHex)');
  const key = Buffer.from(info['keyHex'], 'hex');
  const digest = (typeof info['digest'] === 'string' ? info['digest'] : 'sha256') as HmacDigest;
  const wrongKey = Buffer.from(key.map((b) => b ^ 0x5a));
  let recorded: Buffer | null = null;
  const plans: [Attempt, (challenge: Buffer) => Buffer][] = [
    ['legitimate', (c) => (recorded = answerChallenge(c, { key, digest }))],
    ['wrong-key', (c) => answerChallenge(c, { key: wrongKey, digest })],
    ['replayed-answer', () => recorded ?? Buffer.alloc(32)],
    ['truncated-answer', (c) => answerChallenge(c, { key, digest }).subarray(0, 10)],
    ['oversized-answer', (c) => Buffer.concat([answerChallenge(c, { key, digest }), Buffer.alloc(100, 0x41)])],
    ['legitimate-afterwards', (c) => answerChallenge(c, { key, digest })],
  ];
  const attempts: AuthAttempt[] = [];
  for (const [name, answer] of plans) {
    const connected = await attempt(() => connectTo(target, timeout));
    if (!connected.ok) throw new Error(`cannot connect (${name}): ${connected.error}`);
    const conn = connected.value;
    try {
      const challenge = await readFrame(conn, timeout);
      if (challenge === null) throw new Error(`the server sent no challenge (${name})`);
      await attempt(() => conn.sendall(frame(answer(challenge))));
      const verdict = await readFrame(conn, timeout);
      const text = verdict === null ? 'closed' : verdict.toString('latin1');
      let servedAfter: boolean | null = null;
      if (text === 'ok') {
        const echo = await attempt(() => exchange(conn, Buffer.from('authenticated'), timeout));
        servedAfter = echo.ok && echo.value.toString() === 'AUTHENTICATED';
      }
      attempts.push({ attempt: name, challenge: challenge.toString('hex'), verdict: text, servedAfter });
    } finally {
      conn.close();
    }
  }
  return attempts;
}

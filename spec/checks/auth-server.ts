import type { Judgement, ServerCheck } from '../claim';
import type { Json } from '../../harness/scenario/model';
import { probeHmacAuth, type AuthAttempt } from '../../harness/net-probes/hmac-probe';

/** The HMAC claims judged on a hmac-echo-upper server from the probe's record of attempts. */

const evidenceOf = (attempts: AuthAttempt[]): Json => attempts.map((a) => ({ attempt: a.attempt, verdict: a.verdict, servedAfter: a.servedAfter, challenge: a.challenge.slice(0, 16) }));

/** A client with the key is accepted and served, and every connection gets a challenge of its own. */
export function judgeLegitimateAccepted(attempts: AuthAttempt[]): Judgement {
  const legit = attempts.filter((a) => a.attempt === 'legitimate' || a.attempt === 'legitimate-afterwards');
  if (legit.length === 0) throw new Error('no legitimate attempt was recorded');
  const refused = legit.find((a) => a.verdict !== 'ok' || a.servedAfter !== true);
  if (refused) return { ok: false, message: `a client holding the key was ${refused.verdict === 'ok' ? 'accepted but not served' : `refused (${refused.verdict})`}`, evidence: evidenceOf(attempts) };
  const challenges = new Set(attempts.map((a) => a.challenge));
  if (challenges.size !== attempts.length) return { ok: false, message: 'two connections got the same challenge: without a fresh salt an answer can be replayed', evidence: evidenceOf(attempts) };
  return { ok: true, message: `clients holding the key were accepted and served; all ${attempts.length} connections got different challenges`, evidence: evidenceOf(attempts) };
}

/** Every impostor is refused, and a legitimate client is still accepted after them. */
export function judgeOthersRejected(attempts: AuthAttempt[]): Judgement {
  const impostors = attempts.filter((a) => !a.attempt.startsWith('legitimate'));
  if (impostors.length === 0) throw new Error('no impostor attempt was recorded');
  const passed = impostors.find((a) => a.verdict === 'ok');
  if (passed) return { ok: false, message: `the ${passed.attempt} client was accepted`, evidence: evidenceOf(attempts) };
  const after = attempts.find((a) => a.attempt === 'legitimate-afterwards');
  if (after?.verdict !== 'ok') return { ok: false, message: 'after the impostors a legitimate client was refused: the server stopped serving', evidence: evidenceOf(attempts) };
  return { ok: true, message: `${impostors.map((a) => a.attempt).join(', ')} were refused; a legitimate client afterwards was accepted`, evidence: evidenceOf(attempts) };
}

const hmacServer = (judge: (attempts: AuthAttempt[]) => Judgement): ServerCheck => ({
  type: 'server',
  server: { protocol: 'hmac-echo-upper' },
  probe: async (target) => judge(await probeHmacAuth([target.host, target.port], target.info)),
});

export const hmacChallenge = hmacServer(judgeLegitimateAccepted);
export const othersRejected = hmacServer(judgeOthersRejected);

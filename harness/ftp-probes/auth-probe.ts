/**
 * 用户加密认证, judged from outside: the right password logs in (and the server proves it holds
 * the keys), a wrong one is refused, and a user that does not exist is refused with exactly the
 * same reply, after a challenge that looks the same (a stable salt as long as a real one, the
 * same cost); the cost is that of a slow hash. When the target names its accounts file, the
 * probe also reads it: no password in it in any plain form, a different salt per user.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { authMessage, clientProof, keysFrom, newNonce, saltedPassword, type ScryptParams } from '../../impl/ftp/scram';
import type { Json } from '../scenario/model';
import type { ProbeResult } from '../net-probes/probe-result';
import { Checklist, outcome, shown } from './checklist';
import { connectAs, type FtpTarget } from './probe-session';
import { RawChannel } from './raw-channel';

/** The least work a "slow hash" must take: scrypt's memory, 128·N·r·p bytes, of at least 16 MiB (Node's default cost). */
const MIN_SCRYPT_WORK = 2 ** 14 * 8;

interface Attempt {
  challenge: { [key: string]: Json };
  verdict: { [key: string]: Json };
}

/** One login on a raw connection, with `password` (or, for `null`, a random proof). */
async function attemptLogin(target: FtpTarget, user: string, password: string | null): Promise<Attempt> {
  const raw = await RawChannel.open(target);
  try {
    const clientNonce = newNonce();
    const challenge = await raw.ask({ cmd: 'auth-start', user, client_nonce: clientNonce });
    let proof: Buffer = randomBytes(32);
    if (password !== null && challenge['ok'] === true) {
      const keys = keysFrom(await saltedPassword(password, Buffer.from(String(challenge['salt']), 'base64'), challenge['kdf'] as unknown as ScryptParams));
      proof = clientProof(keys, authMessage(user, clientNonce, String(challenge['server_nonce'])));
    }
    const verdict = await raw.ask({ cmd: 'auth-proof', proof: proof.toString('base64') });
    return { challenge, verdict };
  } finally {
    raw.close();
  }
}

function challengeShape(c: { [key: string]: Json }): Json {
  return { ok: c['ok'] ?? null, fields: Object.keys(c).filter((k) => k !== 'file_size').sort(), kdf: c['kdf'] ?? null, saltBytes: typeof c['salt'] === 'string' ? Buffer.from(c['salt'], 'base64').length : null };
}

function errorOf(v: { [key: string]: Json }): Json {
  return { ok: v['ok'] ?? null, error: v['error'] ?? null };
}

async function checkStorage(list: Checklist, target: FtpTarget): Promise<void> {
  if (target.accountsFile === undefined) {
    list.note('what the server stores (the target named no accountsFile)');
    return;
  }
  const stored = await fs.readFile(target.accountsFile, 'utf8');
  const forms = [target.password, Buffer.from(target.password).toString('base64'), Buffer.from(target.password).toString('hex')];
  list.expect('the accounts file holds the password in no plain form (text, base64, hex)', forms.every((f) => !stored.includes(f)), { bytes: stored.length });
  const salts = [...stored.matchAll(/"salt"\s*:\s*"([^"]+)"/g)].map((m) => m[1]!);
  list.expect('every user in the accounts file has a salt of its own', salts.length > 0 && new Set(salts).size === salts.length, { salts: salts.length, distinct: new Set(salts).size });
}

export async function probeAuthentication(target: FtpTarget): Promise<ProbeResult> {
  const list = new Checklist('ftp-auth');
  const login = await outcome(async () => {
    const client = await connectAs(target);
    client.close();
    return client.user;
  });
  if (!list.expect('the right password logs in, and the server proves it holds the user\'s keys', login.ok, shown(login))) return list.result('');

  const nobody = `nobody${randomBytes(5).toString('hex')}`;
  const wrong = await attemptLogin(target, target.user, `${target.password}-wrong`);
  const unknown = await attemptLogin(target, nobody, 'any password');
  const unknownAgain = await attemptLogin(target, nobody, 'any password');
  const real = await attemptLogin(target, target.user, target.password);

  list.expect('a wrong password is refused', wrong.verdict['ok'] === false, errorOf(wrong.verdict));
  list.expect('an unknown user is refused', unknown.verdict['ok'] === false, errorOf(unknown.verdict));
  list.expect(
    'the refusal of an unknown user is the same reply as that of a wrong password',
    JSON.stringify(errorOf(wrong.verdict)) === JSON.stringify(errorOf(unknown.verdict)),
    { wrongPassword: errorOf(wrong.verdict), unknownUser: errorOf(unknown.verdict) },
  );
  list.expect(
    'the challenge for an unknown user looks like a real user\'s (same fields, same cost, same salt length)',
    JSON.stringify(challengeShape(real.challenge)) === JSON.stringify(challengeShape(unknown.challenge)),
    { realUser: challengeShape(real.challenge), unknownUser: challengeShape(unknown.challenge) },
  );
  list.expect('a real user\'s salt is the same at every login (it is stored, not made up)', real.challenge['salt'] === wrong.challenge['salt'], null);
  list.expect('an unknown user\'s salt is stable too, so it does not give the user away', unknown.challenge['salt'] === unknownAgain.challenge['salt'], null);
  const kdf = real.challenge['kdf'] as { [key: string]: Json } | undefined;
  const work = kdf === undefined ? 0 : 128 * Number(kdf['N']) * Number(kdf['r']) * Number(kdf['p']);
  list.expect(`the password is checked through a slow hash (scrypt with 128·N·r·p ≥ ${128 * MIN_SCRYPT_WORK} bytes)`, kdf?.['name'] === 'scrypt' && work >= 128 * MIN_SCRYPT_WORK, kdf ?? null);
  list.expect(
    'the salt is at least 16 bytes',
    typeof real.challenge['salt'] === 'string' && Buffer.from(real.challenge['salt'], 'base64').length >= 16,
    typeof real.challenge['salt'] === 'string' ? Buffer.from(real.challenge['salt'], 'base64').length : null,
  );
  list.expect('the right proof on a raw connection is accepted', real.verdict['ok'] === true, errorOf(real.verdict));
  await checkStorage(list, target);
  return list.result('Logins need the password, which never crosses the wire; failures do not tell whether the user exists');
}

/**
 * The client's side of a login (scram.ts). The slow scrypt step runs once per (salt, cost) and
 * its keys are kept for this client's reconnections, so resuming after a cut costs a round trip,
 * not another key derivation. The password itself never leaves this object.
 */
import { FtpError } from './ftp-error';
import type { MessageChannel } from './message-channel';
import { type ClientKeys, MAX_SCRYPT, authMessage, clientProof, keysFrom, newNonce, saltedPassword, scryptParamsProblem, serverSignature, signaturesEqual, type ScryptParams } from './scram';
import { expectOk } from './client-replies';

export interface LoginResult {
  user: string;
  cwd: string;
  limits: { max_file_bytes: number; quota_bytes: number; used_bytes: number };
}

export class Credentials {
  private readonly derived = new Map<string, Promise<ClientKeys>>();

  constructor(
    readonly user: string,
    private readonly password: string,
  ) {}

  private keysFor(salt: Buffer, kdf: ScryptParams): Promise<ClientKeys> {
    const key = `${salt.toString('base64')}:${kdf.N}:${kdf.r}:${kdf.p}:${kdf.dklen}`;
    let keys = this.derived.get(key);
    if (keys === undefined) {
      keys = saltedPassword(this.password, salt, kdf).then(keysFrom);
      this.derived.set(key, keys);
      keys.catch(() => this.derived.delete(key));
    }
    return keys;
  }

  /** Logs in on `channel`; FtpError auth-failed if refused, or if the server cannot prove it knows the key. */
  async login(channel: MessageChannel): Promise<LoginResult> {
    const clientNonce = newNonce();
    await channel.send({ cmd: 'auth-start', user: this.user, client_nonce: clientNonce });
    const challenge = await expectOk(channel);
    const kdf = challenge['kdf'];
    const problem = scryptParamsProblem(kdf);
    if (problem !== null) throw new FtpError('auth-failed', `the server asks for a key derivation this client refuses (${problem}; at most N=${MAX_SCRYPT.N}, r=${MAX_SCRYPT.r}, p=${MAX_SCRYPT.p})`);
    const salt = challenge['salt'];
    const serverNonce = challenge['server_nonce'];
    if (typeof salt !== 'string' || typeof serverNonce !== 'string') throw new FtpError('bad-request', 'the server\'s auth-start reply lacks salt or server_nonce');
    const keys = await this.keysFor(Buffer.from(salt, 'base64'), kdf as unknown as ScryptParams);
    const message = authMessage(this.user, clientNonce, serverNonce);
    await channel.send({ cmd: 'auth-proof', proof: clientProof(keys, message).toString('base64') });
    const welcome = await expectOk(channel);
    const signature = welcome['server_signature'];
    if (typeof signature !== 'string' || !signaturesEqual(Buffer.from(signature, 'base64'), serverSignature(keys.serverKey, message))) {
      throw new FtpError('auth-failed', 'the server accepted the login but could not prove it holds this user\'s keys: not the server the account is on');
    }
    return { user: String(welcome['user']), cwd: String(welcome['cwd']), limits: welcome['limits'] as LoginResult['limits'] };
  }
}

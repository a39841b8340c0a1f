/**
 * The server's side of a login (scram.ts has the exchange). A user that does not exist gets the
 * same answers as one that does — a salt (stable, derived from the server's secret, as a real
 * user's is), the cost real accounts are created with, then `auth-failed` with the same message
 * as a wrong password — and the server does the same work for both, so neither the replies nor
 * their cost tell whether a name exists.
 */
import { randomBytes } from 'node:crypto';
import { readAccounts, type Account } from './accounts';
import { FtpError } from './ftp-error';
import type { Header } from './message-channel';
import type { PythonJson } from '../net/python-json-dumps';
import { stringField } from './request-fields';
import { authMessage, newNonce, serverSignature, verifyProof, type ScryptParams } from './scram';
import type { ServerServices } from './session-context';

/** One message for both failures, word for word. */
export const AUTH_FAILED_MESSAGE = 'unknown user or wrong password';

const NONCE_TEXT = /^[A-Za-z0-9+/=_-]{16,128}$/;

interface Started {
  user: string;
  message: string;
  account: Account | null;
  storedKey: Buffer;
  serverKey: Buffer;
}

export interface LoggedIn {
  user: string;
  account: Account;
  /** ServerSignature, to send back. */
  signature: string;
}

export class AuthHandshake {
  private started: Started | null = null;
  private failures = 0;

  constructor(private readonly services: ServerServices) {}

  /** auth-start: the salt and cost to derive the key with, and the server's nonce. */
  async start(header: Header): Promise<{ [key: string]: PythonJson }> {
    const user = stringField(header, 'user');
    const clientNonce = stringField(header, 'client_nonce');
    if (!NONCE_TEXT.test(clientNonce)) throw new FtpError('bad-request', 'auth-start: "client_nonce" must be 16 to 128 base64 characters');
    const accounts = await readAccounts(this.services.accountsFile);
    const account = accounts.get(user) ?? null;
    const serverNonce = newNonce();
    const salt = account?.salt ?? this.services.state.decoySalt(user);
    const kdf: ScryptParams = account?.kdf ?? this.services.decoyKdf;
    // A decoy's keys are random, so no proof can match them; checking one costs what a real check costs.
    const storedKey = account?.storedKey ?? randomBytes(32);
    const serverKey = account?.serverKey ?? randomBytes(32);
    this.started = { user, message: authMessage(user, clientNonce, serverNonce), account, storedKey, serverKey };
    return { ok: true, salt: salt.toString('base64'), kdf: { ...kdf }, server_nonce: serverNonce };
  }

  /** auth-proof: the logged-in user, or auth-failed (with `close` after too many failures). */
  proof(header: Header): LoggedIn {
    const started = this.started;
    this.started = null;
    if (started === null) throw new FtpError('bad-request', 'auth-proof without auth-start');
    const proof = Buffer.from(stringField(header, 'proof'), 'base64');
    const ok = verifyProof(started.storedKey, started.message, proof);
    if (!ok || started.account === null) {
      this.failures += 1;
      throw new FtpError('auth-failed', AUTH_FAILED_MESSAGE, this.failures >= this.services.limits.maxLoginFailures);
    }
    return { user: started.user, account: started.account, signature: serverSignature(started.serverKey, started.message).toString('base64') };
  }
}

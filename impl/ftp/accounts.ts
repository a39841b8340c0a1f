/**
 * The accounts file (the documents' accounts.cfg): JSON, one entry per user holding only what
 * SCRAM needs (scram.ts): the cost, the salt, StoredKey and ServerKey. No password or
 * password-equivalent is ever written. Written atomically with mode 0600; the server reads it at
 * each login, so a user added while it runs can log in at once.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SCRYPT, createCredentials, scryptParamsProblem, type ScryptParams, type StoredCredentials } from './scram';

export const ACCOUNTS_FORMAT = 'conform-ftp-accounts';

/** User names: they name home directories, so only these characters, and no leading dot. */
export const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

export interface Account extends StoredCredentials {
  /** This user's quota in bytes, overriding the server's default. */
  quotaBytes?: number;
}

interface AccountJson {
  kdf: ScryptParams;
  salt: string;
  stored_key: string;
  server_key: string;
  quota_bytes?: number;
}

interface AccountsJson {
  format: typeof ACCOUNTS_FORMAT;
  version: 1;
  users: Record<string, AccountJson>;
}

export class AccountsError extends Error {
  override readonly name = 'AccountsError';
}

function decode(name: string, entry: unknown, file: string): Account {
  const bad = (why: string) => new AccountsError(`${file}: user ${JSON.stringify(name)}: ${why}`);
  if (typeof entry !== 'object' || entry === null) throw bad('not an object');
  const e = entry as Record<string, unknown>;
  const kdfProblem = scryptParamsProblem(e['kdf']);
  if (kdfProblem) throw bad(kdfProblem);
  const bytes = (field: string): Buffer => {
    const v = e[field];
    if (typeof v !== 'string' || v.length === 0) throw bad(`${field} must be base64 text`);
    return Buffer.from(v, 'base64');
  };
  const account: Account = { kdf: e['kdf'] as ScryptParams, salt: bytes('salt'), storedKey: bytes('stored_key'), serverKey: bytes('server_key') };
  const quota = e['quota_bytes'];
  if (quota !== undefined) {
    if (typeof quota !== 'number' || !Number.isSafeInteger(quota) || quota < 0) throw bad('quota_bytes must be a non-negative integer');
    account.quotaBytes = quota;
  }
  return account;
}

function encode(account: Account): AccountJson {
  return {
    kdf: account.kdf,
    salt: account.salt.toString('base64'),
    stored_key: account.storedKey.toString('base64'),
    server_key: account.serverKey.toString('base64'),
    ...(account.quotaBytes === undefined ? {} : { quota_bytes: account.quotaBytes }),
  };
}

/** Every account in `file`; an empty map if the file does not exist. */
export async function readAccounts(file: string): Promise<Map<string, Account>> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AccountsError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const doc = json as Partial<AccountsJson>;
  if (typeof json !== 'object' || json === null || doc.format !== ACCOUNTS_FORMAT || doc.version !== 1 || typeof doc.users !== 'object' || doc.users === null) {
    throw new AccountsError(`${file} is not a ${ACCOUNTS_FORMAT} file (version 1)`);
  }
  const accounts = new Map<string, Account>();
  for (const [name, entry] of Object.entries(doc.users)) {
    if (!USER_NAME.test(name)) throw new AccountsError(`${file}: ${JSON.stringify(name)} is not a valid user name`);
    accounts.set(name, decode(name, entry, file));
  }
  return accounts;
}

export async function writeAccounts(file: string, accounts: Map<string, Account>): Promise<void> {
  const doc: AccountsJson = { format: ACCOUNTS_FORMAT, version: 1, users: {} };
  for (const [name, account] of [...accounts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) doc.users[name] = encode(account);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  await fs.writeFile(tmp, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

export interface AddUserOptions {
  /** Replace an existing user's password (default: refuse). */
  replace?: boolean;
  quotaBytes?: number;
  kdf?: ScryptParams;
}

/** Adds `name` with `password` to `file` (created if missing). */
export async function addUser(file: string, name: string, password: string, options: AddUserOptions = {}): Promise<void> {
  if (!USER_NAME.test(name)) throw new AccountsError(`${JSON.stringify(name)} is not a valid user name: 1 to 32 of A-Z a-z 0-9 _ . -, not starting with . _ or -`);
  if (password.length === 0) throw new AccountsError('the password is empty');
  const accounts = await readAccounts(file);
  if (accounts.has(name) && !options.replace) throw new AccountsError(`user ${name} already exists in ${file} (use --replace to set a new password)`);
  const credentials = await createCredentials(password, options.kdf ?? DEFAULT_SCRYPT);
  const quotaBytes = options.quotaBytes ?? accounts.get(name)?.quotaBytes;
  accounts.set(name, { ...credentials, ...(quotaBytes === undefined ? {} : { quotaBytes }) });
  await writeAccounts(file, accounts);
}

/**
 * What the FTP probes need from a target and share: its credentials (from the implementation's
 * server, or `--target-option user=... --target-option password=...`), a logged-in client, and
 * a scratch directory of their own in the home, removed afterwards, so that a probe neither
 * depends on nor disturbs what is already on someone else's server.
 */
import { randomBytes } from 'node:crypto';
import { FtpClient } from '../../impl/ftp';
import type { Json } from '../scenario/model';
import { ServerUnavailable, type ServerTarget } from '../server/server-model';

export interface FtpTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  /** A second account, for isolation between users (optional). */
  user2?: string;
  password2?: string;
  /** The server's accounts file, to check what it stores (optional). */
  accountsFile?: string;
  /** The name, in the first user's home, of a symbolic link pointing outside it (optional). */
  outsideLink?: string;
}

/** Seconds any single wait of a probe may take. */
export const PROBE_TIMEOUT_SECONDS = 20;

function text(info: { [key: string]: Json }, key: string): string | undefined {
  const v = info[key];
  // --target-option parses values as JSON, so a password of digits arrives as a number.
  return v === undefined || v === null ? undefined : String(v);
}

/** The target's credentials; without them the server cannot be judged (ServerUnavailable). */
export function ftpTarget(target: ServerTarget): FtpTarget {
  const user = text(target.info, 'user');
  const password = text(target.info, 'password');
  if (user === undefined || password === undefined) {
    throw new ServerUnavailable('the FTP probes need an account on the server: pass --target-option user=NAME --target-option password=SECRET');
  }
  const optional = (key: keyof FtpTarget) => {
    const v = text(target.info, key);
    return v === undefined ? {} : { [key]: v };
  };
  return { host: target.host, port: target.port, user, password, ...optional('user2'), ...optional('password2'), ...optional('accountsFile'), ...optional('outsideLink') };
}

export async function connectAs(target: FtpTarget, second = false): Promise<FtpClient> {
  if (second && (target.user2 === undefined || target.password2 === undefined)) throw new Error('no second account');
  return FtpClient.connect({
    host: target.host,
    port: target.port,
    user: second ? target.user2! : target.user,
    password: second ? target.password2! : target.password,
    timeoutSeconds: PROBE_TIMEOUT_SECONDS,
  });
}

/** Removes `path` and everything under it, as far as the server lets it. */
export async function removeTree(client: FtpClient, path: string): Promise<void> {
  try {
    for (const entry of await client.ls(path)) {
      const child = `${path}/${entry.name}`;
      if (entry.kind === 'dir') await removeTree(client, child);
      else await client.rm(child).catch(() => undefined);
    }
    await client.rm(path);
  } catch {
    // best effort: a server without rm keeps the probe's directory
  }
}

/**
 * Runs `body` with a fresh directory `/conform-probe-<name>-<random>` created in the home, and
 * removes it afterwards (on a fresh connection if the probe's own was cut).
 */
export async function withScratch<T>(target: FtpTarget, name: string, body: (client: FtpClient, dir: string) => Promise<T>): Promise<T> {
  const client = await connectAs(target);
  const dir = `/conform-probe-${name}-${randomBytes(4).toString('hex')}`;
  try {
    await client.mkdir(dir);
    return await body(client, dir);
  } finally {
    try {
      await client.cd('/');
      await removeTree(client, dir);
      client.close();
    } catch {
      client.reset();
      const fresh = await connectAs(target).catch(() => null);
      if (fresh) {
        await removeTree(fresh, dir);
        fresh.close();
      }
    }
  }
}

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addUser, FtpClient, FtpServer, type FtpServerOptions, type ScryptParams, type ServerEvent, type ServerLimits } from '../../../impl/ftp';
import { StreamConnection } from '../../../impl/net/stream-connection';
import { MessageChannel, type Header } from '../../../impl/ftp/message-channel';
import type { PythonJson } from '../../../impl/net/python-json-dumps';

/**
 * A reference FTP server on a fresh temporary root for tests, with users created at a low
 * scrypt cost (tests log in hundreds of times; the cost is per account, and the server shows the
 * same cost for unknown users, as in production).
 */
export const TEST_KDF: ScryptParams = { name: 'scrypt', N: 1024, r: 8, p: 1, dklen: 32 };

export interface Fixture {
  base: string;
  root: string;
  accounts: string;
  server: FtpServer;
  port: number;
  passwords: Record<string, string>;
  events: ServerEvent[];
  connect(user: string, password?: string): Promise<FtpClient>;
  /** A new server on the same root and accounts (the old one closed first), as after a restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startFixture(options: { users?: string[]; limits?: Partial<ServerLimits>; quotas?: Record<string, number>; server?: Partial<FtpServerOptions> } = {}): Promise<Fixture> {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'conform-ftp-test-'));
  const root = path.join(base, 'root');
  const accounts = path.join(base, 'accounts.json');
  const passwords: Record<string, string> = {};
  for (const user of options.users ?? ['alice', 'bob']) {
    passwords[user] = randomBytes(9).toString('base64url');
    await addUser(accounts, user, passwords[user]!, { kdf: TEST_KDF, ...(options.quotas?.[user] === undefined ? {} : { quotaBytes: options.quotas[user] }) });
  }
  const events: ServerEvent[] = [];
  const start = () => FtpServer.start({ root, accountsFile: accounts, kdf: TEST_KDF, log: (e) => events.push(e), ...(options.limits ? { limits: options.limits } : {}), ...options.server });
  const fixture: Fixture = {
    base,
    root,
    accounts,
    server: await start(),
    port: 0,
    passwords,
    events,
    connect: (user, password) => FtpClient.connect({ host: '127.0.0.1', port: fixture.port, user, password: password ?? passwords[user]!, timeoutSeconds: 20 }),
    async restart() {
      await fixture.server.close();
      fixture.server = await FtpServer.start({ root, accountsFile: accounts, kdf: TEST_KDF, port: fixture.port, log: (e) => events.push(e), ...(options.limits ? { limits: options.limits } : {}), ...options.server });
    },
    async close() {
      await fixture.server.close();
      await fs.rm(base, { recursive: true, force: true });
    },
  };
  fixture.port = fixture.server.address.port;
  return fixture;
}

/** A raw connection, past the greeting, for sending what a well-behaved client would not. */
export async function rawChannel(port: number): Promise<{ channel: MessageChannel; greeting: Header }> {
  const connection = await StreamConnection.connect('127.0.0.1', port, { timeout: 10 });
  const channel = new MessageChannel(connection, { maxHeaderBytes: 1 << 20, readTimeout: 10 });
  const greeting = await channel.readHeader();
  if (greeting === null) throw new Error('no greeting');
  return { channel, greeting };
}

/** Sends a request on a raw channel and returns the reply header. */
export async function ask(channel: MessageChannel, header: { [key: string]: PythonJson }): Promise<Header | null> {
  await channel.send(header);
  return channel.readHeader();
}

/** Every path under `dir`, relative to it, for "nothing was created there" checks. */
export async function tree(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      out.push(path.relative(dir, full));
      if (e.isDirectory()) await walk(full);
    }
  };
  await walk(dir);
  return out.sort();
}

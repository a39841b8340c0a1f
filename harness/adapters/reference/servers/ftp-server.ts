import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addUser, DEFAULT_SCRYPT, FtpServer, type ServerEvent } from '../../../../impl/ftp';
import type { Json } from '../../../scenario/model';
import type { RunningServer } from '../../../server/server-model';
import type { ServerFactory } from './server-factory';

/**
 * The reference FTP server (impl/ftp) for the ftp.* server checks: a fresh root and accounts
 * file per start, two users with the same random password (so that what the accounts file
 * stores can be seen to be salted), and, in the first user's home, a symbolic link pointing
 * outside it. The target's info tells the probes all of this, as `--target-option` would for
 * someone else's server. Accounts use the default scrypt cost, the one the server shows for
 * unknown users. Everything is removed on stop.
 */

const OUTSIDE_LINK = 'outside-link';

export const ftpServer: ServerFactory = {
  protocol: 'ftp',
  models: ['event-loop'],
  async start(): Promise<RunningServer> {
    const base = await fs.mkdtemp(path.join(os.tmpdir(), 'conform-ftp-'));
    const root = path.join(base, 'root');
    const accountsFile = path.join(base, 'accounts.json');
    const password = randomBytes(12).toString('base64url');
    const users = ['alice', 'bob'];
    const refused: string[] = [];
    let server: FtpServer;
    try {
      for (const user of users) await addUser(accountsFile, user, password, { kdf: DEFAULT_SCRYPT });
      // A secret outside every home, and a link to it from alice's.
      const outside = path.join(base, 'outside');
      await fs.mkdir(outside);
      await fs.writeFile(path.join(outside, 'secret.txt'), 'outside the home\n');
      await fs.mkdir(path.join(root, 'alice'), { recursive: true, mode: 0o700 });
      await fs.symlink(outside, path.join(root, 'alice', OUTSIDE_LINK));
      server = await FtpServer.start({ root, accountsFile, kdf: DEFAULT_SCRYPT, log: (e: ServerEvent) => void (e.event === 'internal-error' && refused.push(e.detail ?? '')) });
    } catch (error) {
      await fs.rm(base, { recursive: true, force: true });
      throw error;
    }
    const { host, port } = server.address;
    const info: { [key: string]: Json } = { user: users[0]!, password, user2: users[1]!, password2: password, accountsFile, outsideLink: OUTSIDE_LINK };
    let stopped: Promise<void> | undefined;
    return {
      target: { host, port, info },
      get facts() {
        return { class: 'FtpServer', pid: process.pid, root, internalErrors: refused.slice(0, 10) };
      },
      stop: () =>
        (stopped ??= (async () => {
          await server.close();
          await fs.rm(base, { recursive: true, force: true });
        })()),
    };
  },
};

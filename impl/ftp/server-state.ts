/**
 * The server's root directory: each user's home is `<root>/<user>` (user names cannot start
 * with a dot, accounts.ts), and the server keeps its own state in `<root>/.conform-ftp/`, out of
 * every home: the part files of unfinished uploads (`parts/<user>/`) and a secret that makes
 * the salts it shows for unknown users stable across restarts (auth-handshake.ts). Parts live
 * under the same root as the homes, so a finished upload is renamed into place atomically.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { SALT_BYTES } from './scram';

export const STATE_DIR = '.conform-ftp';

export class ServerState {
  private constructor(
    readonly root: string,
    private readonly secret: Buffer,
  ) {}

  static async open(root: string): Promise<ServerState> {
    await fs.mkdir(root, { recursive: true });
    const real = await fs.realpath(root);
    const stateDir = path.join(real, STATE_DIR);
    await fs.mkdir(path.join(stateDir, 'parts'), { recursive: true, mode: 0o700 });
    const secretFile = path.join(stateDir, 'secret');
    let secret: Buffer;
    try {
      secret = await fs.readFile(secretFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      secret = randomBytes(32);
      try {
        await fs.writeFile(secretFile, secret, { mode: 0o600, flag: 'wx' });
      } catch (raced) {
        // Another server on the same root wrote it first: use theirs.
        if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
        secret = await fs.readFile(secretFile);
      }
    }
    return new ServerState(real, secret);
  }

  homeOf(user: string): string {
    return path.join(this.root, user);
  }

  partsOf(user: string): string {
    return path.join(this.root, STATE_DIR, 'parts', user);
  }

  /** The salt shown for a user that does not exist: the same every time, like a real one. */
  decoySalt(user: string): Buffer {
    return createHmac('sha256', this.secret).update(`decoy-salt\u0000${user}`).digest().subarray(0, SALT_BYTES);
  }
}

/**
 * A user's home directory as the only place their paths may reach. A virtual path (already free
 * of `..`, virtual-path.ts) is joined to the home, then resolved by the OS with realpath, which
 * follows every symbolic link; the result must still be the home or below it. So a link placed
 * in a home that points outside (by the operator, or by another local user with write access)
 * leads nowhere. Paths to be created are checked through their parent, and files are opened with
 * O_NOFOLLOW, so the last name is never followed either.
 *
 * What remains is a local race: someone with write access to the home who swaps a checked
 * directory for a link between the check and the use. The protocol itself cannot create links.
 */
import { constants, promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { FtpError } from './ftp-error';
import { formatVirtual, type VirtualPath } from './virtual-path';

export interface ResolvedEntry {
  /** The OS path, all links resolved, inside the home. */
  real: string;
  stats: Stats;
}

export interface CreationTarget {
  /** The existing parent directory, resolved and inside the home. */
  parent: string;
  /** Where the new entry goes: the parent plus the last name (not followed). */
  real: string;
  name: string;
  /** What is there already (lstat, so a link is seen as a link), or null. */
  existing: Stats | null;
}

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

export class HomeJail {
  private constructor(readonly home: string) {}

  /** The jail for `home` (created if missing); `home` is resolved once, so a linked root is fine. */
  static async open(home: string): Promise<HomeJail> {
    await fs.mkdir(home, { recursive: true, mode: 0o700 });
    return new HomeJail(await fs.realpath(home));
  }

  contains(real: string): boolean {
    return real === this.home || real.startsWith(this.home + path.sep);
  }

  /** The existing entry at `vpath`; not-found, or outside-home if links lead out. */
  async resolveExisting(vpath: VirtualPath): Promise<ResolvedEntry> {
    const joined = path.join(this.home, ...vpath);
    let real: string;
    try {
      real = await fs.realpath(joined);
    } catch (error) {
      const code = errnoOf(error);
      if (code === 'ENOENT') throw new FtpError('not-found', `${formatVirtual(vpath)} does not exist`);
      if (code === 'ENOTDIR') throw new FtpError('not-a-directory', `a name on the way to ${formatVirtual(vpath)} is not a directory`);
      if (code === 'ELOOP') throw new FtpError('outside-home', `${formatVirtual(vpath)} is a loop of symbolic links`);
      if (code === 'EACCES') throw new FtpError('not-found', `${formatVirtual(vpath)} cannot be reached`);
      throw error;
    }
    if (!this.contains(real)) throw new FtpError('outside-home', `${formatVirtual(vpath)} is a symbolic link that leads outside the home directory`);
    return { real, stats: await fs.stat(real) };
  }

  async resolveDirectory(vpath: VirtualPath): Promise<ResolvedEntry> {
    const entry = await this.resolveExisting(vpath);
    if (!entry.stats.isDirectory()) throw new FtpError('not-a-directory', `${formatVirtual(vpath)} is not a directory`);
    return entry;
  }

  async resolveFile(vpath: VirtualPath): Promise<ResolvedEntry> {
    const entry = await this.resolveExisting(vpath);
    if (entry.stats.isDirectory()) throw new FtpError('is-a-directory', `${formatVirtual(vpath)} is a directory`);
    if (!entry.stats.isFile()) throw new FtpError('not-found', `${formatVirtual(vpath)} is not a regular file`);
    return entry;
  }

  /** Where a new entry named by `vpath` would go (its parent must exist); never the home itself. */
  async resolveForCreation(vpath: VirtualPath): Promise<CreationTarget> {
    if (vpath.length === 0) throw new FtpError('exists', 'the home directory itself cannot be created, replaced or removed');
    const parent = await this.resolveDirectory(vpath.slice(0, -1));
    const name = vpath[vpath.length - 1]!;
    const real = path.join(parent.real, name);
    let existing: Stats | null = null;
    try {
      existing = await fs.lstat(real);
    } catch (error) {
      if (errnoOf(error) !== 'ENOENT') throw error;
    }
    return { parent: parent.real, real, name, existing };
  }

  /** Opens a file checked by resolveFile for reading, refusing a link swapped in since. */
  async openForReading(entry: ResolvedEntry): Promise<fs.FileHandle> {
    try {
      return await fs.open(entry.real, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      if (errnoOf(error) === 'ELOOP') throw new FtpError('outside-home', 'the file became a symbolic link');
      if (errnoOf(error) === 'ENOENT') throw new FtpError('not-found', 'the file is gone');
      throw error;
    }
  }
}

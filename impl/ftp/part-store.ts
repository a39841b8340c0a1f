/**
 * Part files: an unfinished upload's bytes, kept outside the user's home until the whole file
 * has arrived and its checksum matches (upload-command.ts), so a partial upload never appears
 * under its final name. A part is named after the upload it belongs to — the path, the size and
 * the SHA-256 announced — so a `put` of the same file to the same name finds it again and
 * resumes, after a reconnection or a server restart, and a different file never resumes from it.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatVirtual, type VirtualPath } from './virtual-path';

const PART_SUFFIX = '.part';

function hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class PartStore {
  constructor(readonly dir: string) {}

  /** The part file of the upload of (size, sha256) to `vpath`. */
  partFor(vpath: VirtualPath, size: number, sha256: string): string {
    return path.join(this.dir, `${this.prefixFor(vpath)}${hex(`${size}:${sha256}`).slice(0, 32)}${PART_SUFFIX}`);
  }

  private prefixFor(vpath: VirtualPath): string {
    return `${hex(formatVirtual(vpath))}-`;
  }

  /** Bytes already in `part` (0 if there is none). */
  async lengthOf(part: string): Promise<number> {
    try {
      return (await fs.stat(part)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
  }

  /** Removes parts of other uploads to `vpath`: a new file for that name makes them useless. */
  async removeOthers(vpath: VirtualPath, keep: string): Promise<void> {
    const prefix = this.prefixFor(vpath);
    for (const name of await this.names()) {
      const full = path.join(this.dir, name);
      if (name.startsWith(prefix) && full !== keep) await fs.rm(full, { force: true });
    }
  }

  /** Bytes held by parts, except those in `skip` (parts being written, counted as reservations). */
  async bytes(skip: ReadonlySet<string>): Promise<number> {
    let total = 0;
    for (const name of await this.names()) {
      const full = path.join(this.dir, name);
      if (!skip.has(full)) total += await this.lengthOf(full);
    }
    return total;
  }

  async ensureDir(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  private async names(): Promise<string[]> {
    try {
      return (await fs.readdir(this.dir)).filter((n) => n.endsWith(PART_SUFFIX));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}

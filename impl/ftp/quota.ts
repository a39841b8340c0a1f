/**
 * Per-user quota: the bytes of the files in the home, plus the part files kept for resumes, plus
 * the whole size of every upload under way, may not exceed the user's quota. Checking and
 * reserving happen under a per-user lock, so two uploads that each fit but together do not
 * cannot both be admitted.
 */
import { Mutex } from 'async-mutex';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FtpError } from './ftp-error';
import type { PartStore } from './part-store';
import type { UploadSlot, UploadSlots } from './upload-slots';
import { formatVirtual, type VirtualPath } from './virtual-path';

/** Bytes of the regular files under `dir`, links not followed. */
export async function treeBytes(dir: string): Promise<number> {
  let total = 0;
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await treeBytes(full);
    else if (entry.isFile()) {
      try {
        total += (await fs.lstat(full)).size;
      } catch {
        // removed meanwhile
      }
    }
  }
  return total;
}

export interface UsageSources {
  home: string;
  parts: PartStore;
  slots: UploadSlots;
  user: string;
}

/** What `user` uses now, counting uploads under way at their full size. */
export async function usedBytes(sources: UsageSources): Promise<number> {
  const active = sources.slots.activeFor(sources.user);
  const home = await treeBytes(sources.home);
  const parts = await sources.parts.bytes(new Set(active.map((s) => s.part)));
  return home + parts + active.reduce((sum, s) => sum + s.size, 0);
}

export class QuotaGate {
  private readonly locks = new Map<string, Mutex>();

  /**
   * Admits an upload of `size` bytes that replaces `replacedBytes` (the file now under the name)
   * and claims its slot; or throws quota-exceeded.
   */
  async admit(sources: UsageSources, quotaBytes: number, upload: { vpath: VirtualPath; part: string; size: number; replacedBytes: number }): Promise<UploadSlot> {
    let lock = this.locks.get(sources.user);
    if (lock === undefined) this.locks.set(sources.user, (lock = new Mutex()));
    return lock.runExclusive(async () => {
      // Claimed first: a takeover ends the earlier upload of this name, whose reservation goes.
      const slot = await sources.slots.claim(sources.user, formatVirtual(upload.vpath), upload.part, upload.size);
      // Parts of other files for this name are useless now (and nobody writes them any more).
      await sources.parts.removeOthers(upload.vpath, upload.part);
      const used = await usedBytes(sources);
      // `used` counts this upload at full size and any of its part's bytes only through it.
      const after = used - upload.replacedBytes;
      if (after > quotaBytes) {
        slot.release();
        throw new FtpError('quota-exceeded', `storing ${upload.size} bytes would use ${after} of your ${quotaBytes}-byte quota`);
      }
      return slot;
    });
  }
}

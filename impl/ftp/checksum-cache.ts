/**
 * SHA-256 of stored files, remembered per file version so that a file is hashed once however
 * often it is downloaded or resumed. A version is (device, inode, size, mtime, ctime) in
 * nanoseconds: any write or rename changes mtime or ctime, so a stale entry is never used.
 */
import { createHash } from 'node:crypto';
import type { BigIntStats, promises as fsp } from 'node:fs';
import { CHUNK_BYTES } from './protocol';

function versionKey(stats: BigIntStats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
}

/** Hex SHA-256 of the first `length` bytes of an open file, read in chunks. */
export async function hashFilePrefix(handle: fsp.FileHandle, length: number): Promise<{ hash: ReturnType<typeof createHash>; read: number }> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let position = 0;
  while (position < length) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK_BYTES, length - position), position);
    if (bytesRead === 0) break;
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  return { hash, read: position };
}

export class ChecksumCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly capacity = 4096) {}

  /** The file's SHA-256 (hex) and its size, from the cache or by reading it. */
  async of(handle: fsp.FileHandle): Promise<{ sha256: string; size: number }> {
    const stats = await handle.stat({ bigint: true });
    const key = versionKey(stats);
    const size = Number(stats.size);
    const known = this.entries.get(key);
    if (known !== undefined) {
      // Re-inserted to keep the most recently used last, for eviction.
      this.entries.delete(key);
      this.entries.set(key, known);
      return { sha256: known, size };
    }
    const { hash } = await hashFilePrefix(handle, size);
    const sha256 = hash.digest('hex');
    // Only remembered if the file did not change while it was read.
    if (versionKey(await handle.stat({ bigint: true })) === key) this.remember(key, sha256);
    return { sha256, size };
  }

  /** Records a hash computed elsewhere (an upload hashes its bytes as they arrive). */
  record(stats: BigIntStats, sha256: string): void {
    this.remember(versionKey(stats), sha256);
  }

  private remember(key: string, sha256: string): void {
    this.entries.set(key, sha256);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

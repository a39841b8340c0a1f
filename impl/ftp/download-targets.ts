/**
 * Where a download goes. Like the server's uploads, a file download is written to a part file
 * next to the destination, named after the version being fetched (its SHA-256), and renamed
 * into place only once the whole file is there and its SHA-256 matches; an interrupted one
 * resumes from the part's length, a changed file starts over.
 */
import { createHash, type Hash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { hashFilePrefix } from './checksum-cache';

export interface DownloadTarget {
  /** Gets ready for the version `sha256` of `size` bytes; returns how many bytes are held already. */
  prepare(sha256: string, size: number): Promise<number>;
  write(chunk: Buffer): Promise<void>;
  /** Hex SHA-256 of what is held now. */
  digest(): string;
  /** The download is complete and verified: make it the result. */
  commit(): Promise<void>;
  /** Forget what is held (it was wrong, or the file changed). */
  discard(): Promise<void>;
  /** Let go of open files, keeping what is held for a later resume. */
  release(): Promise<void>;
}

const PART_MARK = '.conform-part-';

export function partFileFor(destination: string, sha256: string): string {
  return `${destination}${PART_MARK}${sha256.slice(0, 16)}`;
}

export function fileTarget(destination: string): DownloadTarget {
  let part: string | null = null;
  let handle: fs.FileHandle | null = null;
  let hash: Hash = createHash('sha256');
  let position = 0;
  const closeHandle = async () => {
    const h = handle;
    handle = null;
    await h?.close();
  };
  return {
    async prepare(sha256, size) {
      await closeHandle();
      part = partFileFor(destination, sha256);
      // Parts of other versions of this file are of no use any more.
      const dir = path.dirname(destination);
      const stem = `${path.basename(destination)}${PART_MARK}`;
      for (const name of await fs.readdir(dir)) {
        if (name.startsWith(stem) && path.join(dir, name) !== part) await fs.rm(path.join(dir, name), { force: true });
      }
      handle = await fs.open(part, 'a+');
      let held = (await handle.stat()).size;
      if (held > size) {
        await handle.truncate(0);
        held = 0;
      }
      const prefix = await hashFilePrefix(handle, held);
      hash = prefix.hash;
      position = prefix.read;
      return position;
    },
    async write(chunk) {
      await handle!.write(chunk, 0, chunk.length, position);
      hash.update(chunk);
      position += chunk.length;
    },
    digest: () => hash.copy().digest('hex'),
    async commit() {
      await handle?.sync();
      await closeHandle();
      await fs.rename(part!, destination);
    },
    async discard() {
      await closeHandle();
      if (part) await fs.rm(part, { force: true });
      hash = createHash('sha256');
      position = 0;
    },
    release: closeHandle,
  };
}

/** Collects a download in memory (for small files, tests and probes). */
export function bufferTarget(): DownloadTarget & { bytes(): Buffer } {
  let chunks: Buffer[] = [];
  let version = '';
  let hash = createHash('sha256');
  let result: Buffer | null = null;
  return {
    async prepare(sha256) {
      if (sha256 !== version) {
        chunks = [];
        hash = createHash('sha256');
        version = sha256;
      }
      return chunks.reduce((n, c) => n + c.length, 0);
    },
    async write(chunk) {
      chunks.push(chunk);
      hash.update(chunk);
    },
    digest: () => hash.copy().digest('hex'),
    async commit() {
      result = Buffer.concat(chunks);
    },
    async discard() {
      chunks = [];
      hash = createHash('sha256');
    },
    release: async () => undefined,
    bytes() {
      if (result === null) throw new Error('the download is not complete');
      return result;
    },
  };
}

/** What an upload reads from: a file on disk (read in chunks, never whole) or bytes in memory. */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hashFilePrefix } from './checksum-cache';

export interface UploadSource {
  readonly size: number;
  /** Hex SHA-256 of all the bytes. */
  readonly sha256: string;
  /** Up to `length` bytes from `position`. */
  read(position: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

export function bufferSource(bytes: Uint8Array): UploadSource {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return {
    size: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    read: async (position, length) => data.subarray(position, position + length),
    close: async () => undefined,
  };
}

export async function fileSource(file: string): Promise<UploadSource> {
  const handle = await fs.open(file, 'r');
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new Error(`${file} is not a regular file`);
    const { hash, read } = await hashFilePrefix(handle, stats.size);
    if (read !== stats.size) throw new Error(`${file} shrank while it was read`);
    return {
      size: stats.size,
      sha256: hash.digest('hex'),
      async read(position, length) {
        const buffer = Buffer.allocUnsafe(length);
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        if (bytesRead === 0 && length > 0) throw new Error(`${file} shrank during the upload`);
        return buffer.subarray(0, bytesRead);
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

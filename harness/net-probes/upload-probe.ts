/**
 * 003 §10's upload as a client sees it: the file goes as 4-byte length, JSON header, then
 * 1024-byte chunks; the server's receipt says how many bytes it stored and whether the md5
 * matched, and when the target's info names the upload directory the stored file is compared
 * byte for byte.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { uploadFile } from '../../impl/examples/file-upload/upload-protocol';
import type { Json } from '../scenario/model';
import { attempt, connectTo } from './probe-client';
import type { Target } from './probe-result';

export interface UploadRecord {
  fileName: string;
  size: number;
  md5: string;
  receipt: { received: number; md5_ok: boolean; stored_as: string } | null;
  /** Whether the stored copy equals the file, or null when the upload directory is not known. */
  storedEqual: boolean | null;
  error?: string;
}

/** A body that is not a multiple of 1024, so the last chunk is short. */
function bodyFor(seed: number, size: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A file other than the default one: its size, the client's chunk size, and a name of its own. */
export interface UploadShape {
  size: number;
  chunkSize: number;
  fileName: string;
}

export async function probeUpload(target: Target, info: { [key: string]: Json }, seed: number, timeout = 20, shape?: UploadShape): Promise<UploadRecord> {
  const body = bodyFor(seed, shape?.size ?? 100_000 + (seed % 1000));
  const fileName = shape?.fileName ?? `probe-${seed}.bin`;
  const record: UploadRecord = { fileName, size: body.length, md5: createHash('md5').update(body).digest('hex'), receipt: null, storedEqual: null };
  const connected = await attempt(() => connectTo(target, timeout));
  if (!connected.ok) return { ...record, error: `cannot connect: ${connected.error}` };
  try {
    const receipt = await uploadFile(connected.value, fileName, body, { chunkSize: shape?.chunkSize ?? 1024, timeout });
    record.receipt = { received: receipt.received, md5_ok: receipt.md5_ok, stored_as: receipt.stored_as };
    if (typeof info['uploadDir'] === 'string') {
      const stored = await fs.readFile(path.join(info['uploadDir'], path.basename(receipt.stored_as))).catch(() => null);
      record.storedEqual = stored !== null && stored.equals(body);
    }
  } catch (error) {
    record.error = (error as Error).message;
  } finally {
    connected.value.close();
  }
  return record;
}

/**
 * Uploads and downloads that survive cuts (断点续传) and report progress (进度条). A transfer
 * whose connection is lost reconnects and goes on from what the other side already holds: for
 * an upload the server's part file (the `put` reply's offset), for a download the local part
 * (the `get` request's offset). Both ends verify the SHA-256 of the whole file.
 *
 * Progress: an event when an attempt starts (at the offset it resumes from), after every chunk
 * is through (handed to the kernel for an upload, written locally for a download), and so
 * `transferred === total` exactly when the last byte is through. Within an attempt the counts
 * only grow; a resumed attempt starts again at the offset the other side reports.
 */
import { ConnectionLost, FtpError } from './ftp-error';
import type { FtpClient } from './client';
import { expectOk, readReply, replyError } from './client-replies';
import type { DownloadTarget } from './download-targets';
import { CHUNK_BYTES } from './protocol';
import type { UploadSource } from './upload-sources';

export interface TransferProgress {
  direction: 'upload' | 'download';
  path: string;
  /** Bytes of the file that are through, counting those held before this attempt. */
  transferred: number;
  total: number;
  /** Where this attempt started (0, or where it resumed). */
  startedAt: number;
  /** 1 for the first attempt, 2 after the first reconnection, ... */
  attempt: number;
}

export interface TransferOptions {
  onProgress?: (progress: TransferProgress) => void;
  /** Reconnections allowed after lost connections (default 3). */
  retries?: number;
  /**
   * Simulates a crash: once this many bytes of the file are through, the connection is reset
   * and the transfer throws ConnectionLost without retrying. For tests and probes.
   */
  interruptAt?: number;
}

export interface TransferResult {
  path: string;
  size: number;
  sha256: string;
  /** Where each attempt started. */
  attempts: number[];
}

async function withResume<T>(client: FtpClient, options: TransferOptions, attempt: (n: number) => Promise<T>): Promise<T> {
  const retries = options.retries ?? 3;
  let restartedOnMismatch = false;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (error instanceof Interrupted) throw new ConnectionLost(error.message);
      if (error instanceof StartOver && n <= retries + 1) continue;
      const lost = error instanceof ConnectionLost;
      // One bad checksum (bytes damaged on the way) is worth one fresh start: nothing was kept.
      const mismatch = error instanceof FtpError && error.code === 'checksum-mismatch' && !restartedOnMismatch;
      if (!(lost && n <= retries) && !mismatch) throw error;
      if (mismatch) restartedOnMismatch = true;
      if (lost || (error as FtpError).close) await reconnectPatiently(client, retries);
    }
  }
}

/** `interruptAt` was reached. */
class Interrupted extends Error {}

/** The file changed between two requests of an attempt: try again on the same connection. */
class StartOver extends Error {}

/** Reconnects, retrying a refused connection a few times (a server restarting takes a moment). */
async function reconnectPatiently(client: FtpClient, retries: number): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await client.reconnect();
      return;
    } catch (error) {
      if (!(error instanceof ConnectionLost) || i >= retries + 2) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** i));
    }
  }
}

function interrupt(client: FtpClient, what: string, position: number): never {
  client.reset();
  throw new Interrupted(`${what} interrupted on purpose at byte ${position}`);
}

export async function upload(client: FtpClient, source: UploadSource, remote: string, options: TransferOptions = {}): Promise<TransferResult> {
  const attempts: number[] = [];
  return withResume(client, options, async (attempt) => {
    const begun = await client.request({ cmd: 'put', path: remote, size: source.size, sha256: source.sha256 });
    const offset = Number(begun['offset']);
    const path = String(begun['path']);
    if (!Number.isSafeInteger(offset) || offset < 0 || offset > source.size) throw new FtpError('bad-frame', `the server answered put with offset ${begun['offset']}`, true);
    attempts.push(offset);
    const report = (transferred: number) => options.onProgress?.({ direction: 'upload', path, transferred, total: source.size, startedAt: offset, attempt });
    const channel = client.messages;
    await channel.sendHeader({ cmd: 'data', offset, file_size: source.size - offset });
    report(offset);
    const stopAt = options.interruptAt ?? Infinity;
    for (let position = offset; position < source.size; ) {
      if (position >= stopAt) interrupt(client, 'upload', position);
      const chunk = await source.read(position, Math.min(CHUNK_BYTES, source.size - position, stopAt - position));
      await channel.sendBodyChunk(chunk);
      position += chunk.length;
      report(position);
    }
    const done = await expectOk(channel);
    return { path, size: Number(done['size']), sha256: String(done['sha256']), attempts };
  });
}

export async function download(client: FtpClient, remote: string, target: DownloadTarget, options: TransferOptions = {}): Promise<TransferResult> {
  const attempts: number[] = [];
  try {
    return await withResume(client, options, async (attempt) => {
      const about = await client.stat(remote);
      if (about.kind !== 'file' || about.sha256 === undefined) throw new FtpError('is-a-directory', `${about.path} is not a file`);
      const offset = await target.prepare(about.sha256, about.size);
      const channel = client.messages;
      await channel.send({ cmd: 'get', path: remote, offset, sha256: about.sha256 });
      const reply = await readReply(channel);
      if (reply['ok'] !== true) {
        const error = replyError(reply);
        if (error.code === 'changed') {
          // Replaced between the stat and the get: what is held belongs to the old version.
          await target.discard();
          throw new StartOver('the file changed; starting over');
        }
        throw error;
      }
      const size = Number(reply['size']);
      const sha256 = String(reply['sha256']);
      if (sha256 !== about.sha256 || reply['offset'] !== offset || reply.file_size !== size - offset) {
        throw new FtpError('bad-frame', `the get reply does not match the request (offset ${reply['offset']}, ${reply.file_size} bytes)`, true);
      }
      attempts.push(offset);
      const path = String(reply['path']);
      const report = (transferred: number) => options.onProgress?.({ direction: 'download', path, transferred, total: size, startedAt: offset, attempt });
      report(offset);
      const stopAt = options.interruptAt ?? Infinity;
      for (let position = offset; position < size; ) {
        if (position >= stopAt) interrupt(client, 'download', position);
        const chunk = await channel.readBodyChunk(Math.min(size - position, stopAt - position));
        await target.write(chunk);
        position += chunk.length;
        report(position);
      }
      const got = target.digest();
      if (got !== sha256) {
        await target.discard();
        throw new FtpError('checksum-mismatch', `the downloaded bytes have SHA-256 ${got}, not ${sha256}`);
      }
      await target.commit();
      return { path, size, sha256, attempts };
    });
  } finally {
    await target.release();
  }
}

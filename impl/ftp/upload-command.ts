/**
 * Uploads, in two messages. `put` announces the file (path, size, SHA-256) and is answered with
 * the offset to send from: the length of the part file this same upload left behind, or 0. Then
 * `data` carries the bytes from that offset as its body. They go to the part file as they
 * arrive, hashed on the way (after the part's earlier bytes); once the last byte is in and the
 * SHA-256 matches, the part is renamed to the final name, atomically, replacing any file there.
 * A cut connection leaves the part for the next `put` to resume; a mismatch deletes it.
 */
import type { Hash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hashFilePrefix } from './checksum-cache';
import { FtpError } from './ftp-error';
import type { Header } from './message-channel';
import type { Reply } from './navigation-commands';
import { countField, sha256Field } from './request-fields';
import type { PendingUpload, UserSession } from './session-context';
import { formatVirtual, resolveVirtual } from './virtual-path';

export async function put(session: UserSession, header: Header): Promise<Reply> {
  const vpath = resolveVirtual(session.cwd, header['path']);
  const size = countField(header, 'size');
  const sha256 = sha256Field(header, 'sha256');
  const { limits, quota, slots } = session.services;
  if (size > limits.maxFileBytes) throw new FtpError('too-large', `${size} bytes is more than the largest file this server takes (${limits.maxFileBytes} bytes)`);
  const target = await session.jail.resolveForCreation(vpath);
  if (target.existing?.isDirectory()) throw new FtpError('is-a-directory', `${formatVirtual(vpath)} is a directory`);
  await session.parts.ensureDir();
  const part = session.parts.partFor(vpath, size, sha256);
  const slot = await quota.admit({ home: session.jail.home, parts: session.parts, slots, user: session.user }, session.quotaBytes, {
    vpath,
    part,
    size,
    replacedBytes: target.existing?.isFile() ? target.existing.size : 0,
  });
  let offset = await session.parts.lengthOf(part);
  if (offset > size) {
    // Cannot be a prefix of this file: start over.
    await fs.rm(part, { force: true });
    offset = 0;
  }
  session.pendingUpload = { vpath, size, sha256, part, offset, slot };
  return { header: { ok: true, path: formatVirtual(vpath), size, offset } };
}

/**
 * Writes the body to the part file, hashing it after the part's earlier bytes. When the slot is
 * aborted (a later put took the name) the writer still writes the bytes that have already
 * arrived — they are the next bytes of this file, and when the abort comes from the same client
 * resuming after a cut, they are exactly what it must not send again — then lets go of the part
 * (the slot is released) and reads and drops the rest of the body. It never waits for the network
 * once aborted. Returns null if aborted. Must be called with no await after the slot was checked,
 * so that the abort hook is in place before the part is touched.
 */
async function receiveIntoPart(session: UserSession, upload: PendingUpload, bodyBytes: number): Promise<Hash | null> {
  const { slot, part, offset } = upload;
  const { channel } = session;
  let handle: fs.FileHandle | null = null;
  /** The file operation under way, so that closing waits for it. */
  let busy: Promise<unknown> = Promise.resolve();
  let closing: Promise<void> | null = null;
  const closeOnce = () => (closing ??= busy.then(() => handle?.close()).then(() => undefined, () => undefined));
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    void closeOnce().then(() => slot.release());
  };
  let waitingForNetwork = false;
  slot.whileWriting(() => {
    if (waitingForNetwork) stop();
  });
  try {
    const opening = fs.open(part, offset === 0 ? 'w' : 'r+');
    busy = opening;
    handle = await opening;
    const prefix = hashFilePrefix(handle, offset);
    busy = prefix;
    const { hash, read } = await prefix;
    if (read !== offset) throw new FtpError('internal', 'the part file is shorter than when the put was answered');
    let position = offset;
    for (let left = bodyBytes; left > 0; ) {
      if (slot.aborted && channel.bufferedBytes === 0) stop();
      waitingForNetwork = channel.bufferedBytes === 0;
      const chunk = await channel.readBodyChunk(left);
      waitingForNetwork = false;
      left -= chunk.length;
      if (stopped) continue;
      const writing = handle.write(chunk, 0, chunk.length, position);
      busy = writing;
      await writing;
      hash.update(chunk);
      position += chunk.length;
    }
    if (slot.aborted) return null;
    // On disk before the rename makes it the file: a crash or power cut after the rename must not
    // leave an empty or partial file under the final name.
    const syncing = handle.datasync();
    busy = syncing;
    await syncing;
    return slot.aborted ? null : hash;
  } finally {
    await closeOnce();
  }
}

export async function data(session: UserSession, header: Header): Promise<Reply> {
  const upload = session.pendingUpload;
  session.pendingUpload = null;
  const bodyBytes = header.file_size;
  if (upload === null) throw new FtpError('no-upload', 'data without a put just before it', bodyBytes > 0);
  const { slot, vpath, size, sha256, part } = upload;
  try {
    const offset = header['offset'];
    // Refused before its body is read, so the connection must end if there is one.
    if (offset !== upload.offset || bodyBytes !== size - upload.offset) {
      throw new FtpError('offset-mismatch', `the put said to send ${size - upload.offset} bytes from offset ${upload.offset}; this data sends ${bodyBytes} from ${JSON.stringify(offset)}`, bodyBytes > 0);
    }
    if (slot.aborted) {
      await session.channel.discardBody(bodyBytes);
      throw superseded(vpath);
    }
    const hash = await receiveIntoPart(session, upload, bodyBytes);
    if (hash === null) throw superseded(vpath);
    const got = hash.digest('hex');
    if (got !== sha256) {
      await fs.rm(part, { force: true });
      throw new FtpError('checksum-mismatch', `the ${size} bytes received have SHA-256 ${got}, not ${sha256}: nothing was stored`);
    }
    // Checked again: the parent may have gone, or become something else, during the transfer.
    const target = await session.jail.resolveForCreation(vpath);
    if (target.existing?.isDirectory()) throw new FtpError('is-a-directory', `${formatVirtual(vpath)} became a directory during the upload`);
    await fs.rename(part, target.real);
    session.services.checksums.record(await fs.stat(target.real, { bigint: true }), sha256);
    session.services.log({ event: 'stored', client: session.client, user: session.user, detail: `${formatVirtual(vpath)} (${size} bytes)` });
    return { header: { ok: true, path: formatVirtual(vpath), size, sha256 } };
  } finally {
    slot.release();
  }
}

function superseded(vpath: readonly string[]): FtpError {
  return new FtpError('superseded', `a later put to ${formatVirtual(vpath)} took the name over; this upload's bytes were dropped`);
}

/**
 * Downloads: `get` is answered with the file's size and SHA-256 and, as the reply's body, its
 * bytes from the offset asked for, so an interrupted download resumes where it stopped. A client
 * that resumes sends the SHA-256 it was given the first time; if the file changed since, the
 * reply is `changed` and the client starts over. The file is read through one open descriptor,
 * so a file replaced during the transfer (an upload renamed over it) is sent as it was.
 */
import { FtpError, ConnectionLost } from './ftp-error';
import type { Header } from './message-channel';
import { CHUNK_BYTES } from './protocol';
import { optionalCountField, optionalSha256Field } from './request-fields';
import type { UserSession } from './session-context';
import { formatVirtual, resolveVirtual } from './virtual-path';

/** Sends the reply and the body itself (the body is streamed, never held whole). */
export async function get(session: UserSession, header: Header): Promise<void> {
  const vpath = resolveVirtual(session.cwd, header['path']);
  const offset = optionalCountField(header, 'offset') ?? 0;
  const expected = optionalSha256Field(header, 'sha256');
  const entry = await session.jail.resolveFile(vpath);
  const handle = await session.jail.openForReading(entry);
  try {
    const { sha256, size } = await session.services.checksums.of(handle);
    if (expected !== undefined && expected !== sha256) throw new FtpError('changed', `${formatVirtual(vpath)} changed since (its SHA-256 is now ${sha256}): download it again from offset 0`);
    if (offset > size) throw new FtpError('bad-request', `offset ${offset} is past the end of ${formatVirtual(vpath)} (${size} bytes)`);
    const bodyBytes = size - offset;
    await session.channel.sendHeader({ ok: true, path: formatVirtual(vpath), size, sha256, offset, file_size: bodyBytes });
    // One buffer for the whole body: sendall resolves only once the kernel has the bytes, so the
    // buffer is free again before the next read (and no garbage piles up per chunk).
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(1, bodyBytes)));
    for (let position = offset; position < size; ) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - position), position);
      // The file shrank under us: the frame promised more bytes than there are, so the only
      // honest end is to drop the connection; the client sees a cut and retries.
      if (bytesRead === 0) throw new ConnectionLost(`${formatVirtual(vpath)} shrank while it was being sent`);
      await session.channel.sendBodyChunk(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
    session.services.log({ event: 'sent', client: session.client, user: session.user, detail: `${formatVirtual(vpath)} from ${offset} (${bodyBytes} bytes)` });
  } finally {
    await handle.close();
  }
}

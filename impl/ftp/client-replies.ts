/** Reading the server's replies on the client side: `ok: false` becomes a thrown FtpError. */
import { ConnectionLost, FtpError } from './ftp-error';
import type { Header, MessageChannel } from './message-channel';
import type { ErrorCode } from './protocol';

/** Replies with a body the client did not ask for are read and dropped up to this size. */
const MAX_UNEXPECTED_BODY = 1024 * 1024;

/** The reply as the server sent it; its body, if any, is still unread. */
export async function readReply(channel: MessageChannel): Promise<Header> {
  const reply = await channel.readHeader();
  if (reply === null) throw new ConnectionLost('the server closed the connection');
  if (typeof reply['ok'] !== 'boolean') throw new FtpError('bad-frame', 'a reply without an "ok" field', true);
  return reply;
}

export function replyError(reply: Header): FtpError {
  const error = reply['error'] as { code?: unknown; message?: unknown } | undefined;
  const code = typeof error?.code === 'string' ? (error.code as ErrorCode) : 'internal';
  const message = typeof error?.message === 'string' ? error.message : 'the server refused without saying why';
  return new FtpError(code, message, reply['close'] === true);
}

/** The next reply, which must be `ok: true` and have no body (or a small one, dropped). */
export async function expectOk(channel: MessageChannel): Promise<Header> {
  const reply = await readReply(channel);
  if (reply.file_size > 0) {
    if (reply.file_size > MAX_UNEXPECTED_BODY) throw new FtpError('bad-frame', `an unexpected ${reply.file_size}-byte body in a reply`, true);
    await channel.discardBody(reply.file_size);
  }
  if (reply['ok'] !== true) throw replyError(reply);
  return reply;
}

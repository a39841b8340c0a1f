/**
 * One side of an FTP connection as messages: a header (a JSON object with `file_size`), then
 * that many bytes of body, which may be read in pieces so that a file of any size passes through
 * a bounded buffer. Both the server and the client speak through it.
 *
 * Transport failures (a reset, the peer gone, a read that waited too long, the stream ending
 * inside a frame) become ConnectionLost; a malformed frame becomes an FtpError with `close`,
 * since nothing after it can be trusted to start a frame.
 */
import { headerFramePrefix, readFrameHeader } from '../net/header-frame-stream';
import { FramingError } from '../net/framing-errors';
import type { PythonJson } from '../net/python-json-dumps';
import type { StreamConnection } from '../net/stream-connection';
import { ConnectionLost, FtpError } from './ftp-error';
import { CHUNK_BYTES } from './protocol';

/** A message header: a JSON object that says how many bytes of body follow. */
export type Header = { [key: string]: PythonJson } & { file_size: number };

export interface ChannelOptions {
  maxHeaderBytes: number;
  /** Seconds a single read may wait for bytes before the connection counts as lost (null: forever). */
  readTimeout: number | null;
}

const TRUNCATION = new Set(['truncated-length', 'truncated-header', 'truncated-body']);

export class MessageChannel {
  constructor(
    readonly connection: StreamConnection,
    private options: ChannelOptions,
  ) {}

  /** Changes the limits (the client learns the server's maximum header size from the greeting). */
  configure(options: Partial<ChannelOptions>): void {
    this.options = { ...this.options, ...options };
  }

  /** The next header, or null when the peer closed cleanly between messages. */
  async readHeader(timeout: number | null = this.options.readTimeout): Promise<Header | null> {
    try {
      return (await readFrameHeader(this.connection, { maxHeaderBytes: this.options.maxHeaderBytes, timeout })) as Header | null;
    } catch (error) {
      throw asChannelError(error);
    }
  }

  /** Up to `max` bytes of the body being received (at least one); ConnectionLost if it ends first. */
  async readBodyChunk(max: number): Promise<Buffer> {
    let chunk: Buffer;
    try {
      // At most one socket read's worth: asking for more would copy chunks together.
      chunk = await this.connection.recv(Math.min(max, CHUNK_BYTES), { timeout: this.options.readTimeout });
    } catch (error) {
      throw asChannelError(error);
    }
    if (chunk.length === 0) throw new ConnectionLost('the connection ended inside a body');
    return chunk;
  }

  /** Bytes received and not read yet. */
  get bufferedBytes(): number {
    return this.connection.bufferedBytes;
  }

  /** A whole body of `n` bytes, for small ones (a listing). */
  async readBody(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (let left = n; left > 0; ) {
      const chunk = await this.readBodyChunk(left);
      parts.push(chunk);
      left -= chunk.length;
    }
    return Buffer.concat(parts, n);
  }

  /** Reads and drops `n` bytes of body. */
  async discardBody(n: number): Promise<void> {
    for (let left = n; left > 0; ) left -= (await this.readBodyChunk(left)).length;
  }

  /** A message with its whole body (the header's file_size is set from the body). */
  async send(header: { [key: string]: PythonJson }, body: Uint8Array = Buffer.alloc(0)): Promise<void> {
    const prefix = headerFramePrefix({ ...header, file_size: body.length });
    await this.write(body.length > 0 && body.length <= CHUNK_BYTES ? Buffer.concat([prefix, body]) : prefix);
    if (body.length > CHUNK_BYTES) await this.write(body);
  }

  /** The header of a message whose `file_size` bytes of body the caller sends with sendBodyChunk. */
  async sendHeader(header: Header): Promise<void> {
    await this.write(headerFramePrefix(header));
  }

  async sendBodyChunk(chunk: Uint8Array): Promise<void> {
    await this.write(chunk);
  }

  private async write(bytes: Uint8Array): Promise<void> {
    try {
      await this.connection.sendall(bytes);
    } catch (error) {
      throw asChannelError(error);
    }
  }

  close(): void {
    this.connection.close();
  }

  /**
   * Hangs up after a last reply without losing it: closing with unread bytes would send RST,
   * which can make the peer's kernel drop the reply before it is read. So: FIN, then read and
   * drop what the peer still sends until it closes too, for at most `lingerSeconds`.
   */
  async closeAfterReply(lingerSeconds = 2): Promise<void> {
    this.connection.shutdownWrite();
    const until = Date.now() + lingerSeconds * 1000;
    try {
      for (;;) {
        const left = until - Date.now();
        if (left <= 0) break;
        const chunk = await this.connection.recv(CHUNK_BYTES * 4, { timeout: left / 1000 });
        if (chunk.length === 0) break;
      }
    } catch {
      // reset, or the linger ran out: nothing more to save
    }
    this.connection.close();
  }

  /** Hangs up at once (RST), for a peer that must not be waited for. */
  reset(): void {
    this.connection.reset();
  }
}

function asChannelError(error: unknown): Error {
  if (error instanceof FtpError || error instanceof ConnectionLost) return error;
  if (error instanceof FramingError) {
    if (TRUNCATION.has(error.code)) return new ConnectionLost(error.message);
    return new FtpError(error.code === 'header-too-large' ? 'header-too-large' : 'bad-frame', error.message, true);
  }
  const e = error as Error;
  return new ConnectionLost(`${e.name}: ${e.message}`);
}

/**
 * The protocol one message at a time, below the client library, for probes that must send what
 * a well-behaved client never would (a wrong proof, a login as nobody) and compare the replies.
 */
import { StreamConnection } from '../../impl/net/stream-connection';
import { MessageChannel, type Header } from '../../impl/ftp/message-channel';
import { DEFAULT_MAX_HEADER_BYTES } from '../../impl/ftp';
import type { PythonJson } from '../../impl/net/python-json-dumps';
import { PROBE_TIMEOUT_SECONDS, type FtpTarget } from './probe-session';

export class RawChannel {
  private constructor(
    readonly channel: MessageChannel,
    readonly greeting: Header,
  ) {}

  static async open(target: FtpTarget): Promise<RawChannel> {
    const connection = await StreamConnection.connect(target.host, target.port, { timeout: PROBE_TIMEOUT_SECONDS });
    const channel = new MessageChannel(connection, { maxHeaderBytes: DEFAULT_MAX_HEADER_BYTES * 4, readTimeout: PROBE_TIMEOUT_SECONDS });
    try {
      const greeting = await channel.readHeader();
      if (greeting === null) throw new Error('the server closed the connection before greeting');
      return new RawChannel(channel, greeting);
    } catch (error) {
      channel.reset();
      throw error;
    }
  }

  /** Sends a request and returns the reply header (its body, if any, read and dropped). */
  async ask(header: { [key: string]: PythonJson }): Promise<Header> {
    await this.channel.send(header);
    const reply = await this.channel.readHeader();
    if (reply === null) throw new Error(`the server closed the connection instead of answering ${String(header['cmd'])}`);
    if (reply.file_size > 0) await this.channel.discardBody(reply.file_size);
    return reply;
  }

  close(): void {
    this.channel.reset();
  }
}

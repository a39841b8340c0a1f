/**
 * 003 §9's fix: the server answers every command with the 4-byte header length, a JSON header
 * whose file_size is the output's length, then the output (three sends that stick together on
 * the wire); the client reads exactly one message per command, so answers never bleed.
 * Unlike the documents' client, this one loops until it has each part (framing.header-single-recv)
 * and stops on b'' (framing.body-loop-ignores-eof): the decoder does both.
 */
import { fileHeaderFor } from '../../net/file-header';
import { HeaderFrameDecoder } from '../../net/frame-decoder';
import { receiveFrame, sendHeaderFrame } from '../../net/framed-connection';
import type { FramedMessage, FramingOptions } from '../../net/framing';
import type { LenientFileHeader } from '../../net/file-header';
import { BaseRequestHandler } from '../../net/socketserver/request-handler';
import type { StreamConnection } from '../../net/stream-connection';
import { isConnectionError } from '../../net/connection-errors';
import { runCommand } from './command-table';

export class FramedRemoteCommandHandler extends BaseRequestHandler {
  override async handle(): Promise<void> {
    try {
      for (;;) {
        const command = await this.request.recv(1024);
        if (command.length === 0) break;
        const name = command.toString('utf8').trim();
        const result = runCommand(name);
        await sendHeaderFrame(this.request, fileHeaderFor(name, result), result);
      }
    } catch (error) {
      if (!isConnectionError(error)) throw error;
    }
  }
}

export class FramedRemoteCommandClient {
  private readonly decoder: HeaderFrameDecoder;

  constructor(
    private readonly conn: StreamConnection,
    options: FramingOptions = {},
  ) {
    this.decoder = new HeaderFrameDecoder({ ...options, verifyMd5: true });
  }

  /** Sends the command and returns exactly its answer (header and body). */
  async run(command: string, timeout = 20): Promise<FramedMessage<LenientFileHeader>> {
    await this.conn.sendall(Buffer.from(command, 'utf8'));
    const message = await receiveFrame(this.conn, this.decoder, { timeout, bufsize: 1024 });
    if (message === null) throw new Error(`the server closed the connection instead of answering ${JSON.stringify(command)}`);
    return message;
  }
}

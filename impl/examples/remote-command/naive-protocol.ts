/**
 * 003 §5's remote-command protocol, which has no framing: the client sends a command and reads
 * the answer with one recv(1024); the server answers with one send of the whole output. An
 * output longer than 1024 bytes is not read in full, and what is left is what the next recv
 * returns: the next command's answer starts with the tail of the previous one (黏包, 003 §6).
 */
import { BaseRequestHandler } from '../../net/socketserver/request-handler';
import type { StreamConnection } from '../../net/stream-connection';
import { isConnectionError } from '../../net/connection-errors';
import { runCommand } from './command-table';

export class NaiveRemoteCommandHandler extends BaseRequestHandler {
  override async handle(): Promise<void> {
    // The documents' `try: ... except ConnectionResetError: break` around the whole exchange,
    // widened to Python's ConnectionError: writing to a reset peer may be BrokenPipeError.
    try {
      for (;;) {
        const command = await this.request.recv(1024);
        // The documents' loop would run Popen('') forever on b''; the peer has gone, so stop.
        if (command.length === 0) break;
        await this.request.send(this.answer(command.toString('utf8')));
      }
    } catch (error) {
      if (!isConnectionError(error)) throw error;
    }
  }

  /** The output for one recv's worth of command text (two commands sent back to back arrive as one). */
  protected answer(command: string): Buffer {
    return runCommand(command);
  }
}

export class NaiveRemoteCommandClient {
  constructor(private readonly conn: StreamConnection) {}

  /** `phone.send(cmd.encode('utf-8'))` then `phone.recv(1024)`: at most 1024 bytes of whatever has arrived. */
  async run(command: string, timeout = 20): Promise<Buffer> {
    await this.conn.sendall(Buffer.from(command, 'utf8'));
    return this.conn.recv(1024, { timeout });
  }
}

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UploadHandler } from '../../../../impl/examples/file-upload/upload-protocol';
import { FramedRemoteCommandHandler } from '../../../../impl/examples/remote-command/framed-protocol';
import { EventLoopTCPServer, type HandlerErrorReport, type RequestHandlerClass } from '../../../../impl/net/socketserver';
import { AuthenticatedEchoUpperHandler, hmacContext } from '../../../../impl/net/socketserver/authenticated-echo-handler';
import type { Json } from '../../../scenario/model';
import type { RunningServer } from '../../../server/server-model';
import type { ServerFactory } from './server-factory';

/**
 * The documents' framed protocols as servers for the framing and auth claims: 003 §9's
 * remote-command server (4-byte length, JSON header, body), 003 §10's upload server, and 001
 * §十's HMAC-authenticated echo-upper. Each runs on the event loop (the claims are about the
 * bytes, not the concurrency model); the target's info tells a probe what `--target-option`
 * would tell it about someone else's server (the upload directory, the shared key).
 */

async function serve(Handler: RequestHandlerClass, context: Json, info: { [key: string]: Json }, cleanup: () => Promise<void> = async () => undefined): Promise<RunningServer> {
  const errors: HandlerErrorReport[] = [];
  const server = new EventLoopTCPServer(['127.0.0.1', 0], Handler, { context, handleError: (r) => errors.push(r) });
  await server.server_activate();
  const serving = server.serve_forever();
  const [host, port] = server.server_address;
  let stopped: Promise<void> | undefined;
  return {
    target: { host, port, info },
    get facts() {
      return { class: `EventLoopTCPServer(${Handler.name})`, pid: process.pid, handlerErrors: errors.slice(0, 10).map((e) => `${e.error.name}: ${e.error.message}`) };
    },
    stop: () =>
      (stopped ??= (async () => {
        await server.server_close();
        await serving;
        await cleanup();
      })()),
  };
}

export const remoteCommandServer: ServerFactory = {
  protocol: 'remote-command',
  models: ['event-loop'],
  start: () => serve(FramedRemoteCommandHandler, null, {}),
};

export const uploadServer: ServerFactory = {
  protocol: 'upload',
  models: ['event-loop'],
  async start(): Promise<RunningServer> {
    const uploadDir = await fs.mkdtemp(path.join(os.tmpdir(), 'conform-upload-'));
    return serve(UploadHandler, { uploadDir }, { uploadDir }, () => fs.rm(uploadDir, { recursive: true, force: true }));
  },
};

export const hmacEchoUpperServer: ServerFactory = {
  protocol: 'hmac-echo-upper',
  models: ['event-loop'],
  start() {
    const key = randomBytes(16);
    return serve(AuthenticatedEchoUpperHandler, hmacContext({ key, timeout: 5 }), { keyHex: key.toString('hex'), digest: 'sha256' });
  },
};

import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { md5Hex } from '../../impl/net/file-header';
import { sendLengthFrame } from '../../impl/net/framed-connection';
import { EventLoopTCPServer, BaseRequestHandler } from '../../impl/net/socketserver';
import type { RunningServer } from '../../harness/server/server-model';
import type { ServerFactory } from '../../harness/adapters/reference/servers';
import type { Mutant } from './mutant';

export const mutant: Mutant = {
  name: 'decoder-one-recv',
  defect: 'the upload server\'s decoder takes one recv(n) as the whole of each part (length, header, body), as 003 §10\'s code does',
  breaks: 'upload-server',
  caughtBy: ['framing.upload'],
};

/** 003 §10 read literally: `conn.recv(4)`, `conn.recv(head_len)`, then one recv for the body. */
class OneRecvUploadHandler extends BaseRequestHandler {
  override async handle(): Promise<void> {
    const { uploadDir } = this.server.context as { uploadDir: string };
    const prefix = await this.request.recv(4);
    if (prefix.length < 4) return;
    const header = JSON.parse((await this.request.recv(prefix.readInt32LE(0))).toString('utf8')) as { file_name: string; file_size: number; md5?: string };
    const body = await this.request.recv(header.file_size);
    const storedAs = path.basename(header.file_name) || 'upload';
    await fs.writeFile(path.join(uploadDir, storedAs), body);
    const receipt = { file_name: header.file_name, stored_as: storedAs, received: body.length, md5_ok: header.md5 === md5Hex(body) };
    await sendLengthFrame(this.request, Buffer.from(JSON.stringify(receipt)));
  }
}

const uploadServer: ServerFactory = {
  protocol: 'upload',
  models: ['event-loop'],
  async start(): Promise<RunningServer> {
    const uploadDir = await fs.mkdtemp(path.join(os.tmpdir(), 'conform-mutant-upload-'));
    const server = new EventLoopTCPServer(['127.0.0.1', 0], OneRecvUploadHandler, { context: { uploadDir }, handleError: () => undefined });
    await server.server_activate();
    const serving = server.serve_forever();
    const [host, port] = server.server_address;
    return {
      target: { host, port, info: { uploadDir } },
      stop: async () => {
        await server.server_close();
        await serving;
        await fs.rm(uploadDir, { recursive: true, force: true });
      },
    };
  },
};

export const servers: ServerFactory[] = [uploadServer];

// 003 §10's upload over the header framing: files arrive byte for byte; a client that sends bad
// framing loses its own connection only, while another client's upload goes on.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UploadHandler, uploadFile } from '../../impl/examples/file-upload/upload-protocol';
import { packInt32 } from '../../impl/net/length-prefix';
import { EventLoopTCPServer, type HandlerErrorReport } from '../../impl/net/socketserver';
import { connect, endOf } from './helpers/echo-client';
import { expectNoLeaks, snapshot } from './helpers/leaks';

let dir: string;
let server: EventLoopTCPServer;
let serving: Promise<void>;
let errors: HandlerErrorReport[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conform-upload-'));
  errors = [];
  server = new EventLoopTCPServer(['127.0.0.1', 0], UploadHandler, { context: { uploadDir: dir }, handleError: (r) => errors.push(r) });
  await server.server_activate();
  serving = server.serve_forever();
});
afterEach(async () => {
  await server.server_close();
  await serving;
  fs.rmSync(dir, { recursive: true, force: true });
});

test('files of any size arrive byte for byte, several on one connection, each with a receipt', async () => {
  const conn = await connect(server.server_address[1]);
  const files = [
    ['demo.mp4', randomBytes(120_000), 'demo1.mp4'],
    ['empty.txt', Buffer.alloc(0), undefined],
    ['学习视频.txt', Buffer.from('短的文件'), undefined],
  ] as const;
  for (const [name, body, newName] of files) {
    const receipt = await uploadFile(conn, name, body, newName ? { newFileName: newName } : {});
    expect(receipt).toEqual({ file_name: name, stored_as: newName ?? name, received: body.length, md5_ok: true });
    expect(fs.readFileSync(path.join(dir, newName ?? name))).toEqual(body);
  }
  conn.close();
  expect(errors).toEqual([]);
});

test('a new_file_name with directories is stored under its base name only', async () => {
  const conn = await connect(server.server_address[1]);
  const receipt = await uploadFile(conn, 'x', Buffer.from('data'), { newFileName: '../../escape.txt' });
  expect(receipt.stored_as).toBe('escape.txt');
  expect(fs.existsSync(path.join(dir, 'escape.txt'))).toBe(true);
  conn.close();
});

test.each([
  ['a negative header length', () => packInt32(-7), 'negative-length'],
  ['a header that is not JSON', () => Buffer.concat([packInt32(5), Buffer.from('{"fil')]), 'invalid-json'],
  ['a file_size that is a string', () => Buffer.concat([packInt32(38), Buffer.from('{"file_name": "a", "file_size": "12"}'.padEnd(38))]), 'header-field'],
  ['a body cut short before the client leaves', () => {
    const header = Buffer.from('{"file_name": "a", "file_size": 10}');
    return Buffer.concat([packInt32(header.length), header, Buffer.from('only')]);
  }, 'truncated-body'],
])('%s ends only that connection; another upload in progress completes', async (_what, bad, code) => {
  const before = snapshot();
  const port = server.server_address[1];
  const good = await connect(port);
  const body = randomBytes(300_000);
  const goodUpload = uploadFile(good, 'big.bin', body, { chunkSize: 1024 });

  const rude = await connect(port);
  await rude.sendall(bad());
  rude.shutdownWrite();
  expect(['eof', 'ConnectionResetError']).toContain(await endOf(rude));
  rude.close();

  expect(await goodUpload).toMatchObject({ received: body.length, md5_ok: true });
  good.close();
  expect(errors.map((e) => (e.error as Error & { code?: string }).code)).toEqual([code]);
  expect(errors[0]!.error.name).toBe('FramingError');
  await server.server_close();
  await serving;
  await expectNoLeaks(before);
});

// Issue 3: bad input never crashes a server or leaks a file descriptor. Generated bad frames
// (negative or oversized lengths, truncated or non-JSON headers, bodies shorter than file_size,
// plain garbage) go to the upload server one connection each; every such connection ends, a
// good upload right after is stored whole, and the fds and handles come back to the baseline.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { UploadHandler, uploadFile } from '../../impl/examples/file-upload/upload-protocol';
import { packInt32 } from '../../impl/net/length-prefix';
import { EventLoopTCPServer } from '../../impl/net/socketserver';
import { connect, endOf } from './helpers/echo-client';
import { expectNoLeaks, snapshot } from './helpers/leaks';

jest.setTimeout(120_000);

const header = (fields: object) => Buffer.from(JSON.stringify(fields));

const badFrame: fc.Arbitrary<Buffer> = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: -1 }).map((n) => packInt32(n)),
  fc.integer({ min: 64 * 1024 + 1, max: 2 ** 31 - 1 }).map((n) => packInt32(n)),
  fc.tuple(fc.integer({ min: 20, max: 200 }), fc.integer({ min: 0, max: 19 })).map(([announced, sent]) => Buffer.concat([packInt32(announced), Buffer.alloc(sent, 0x7b)])),
  fc.string({ minLength: 1, maxLength: 60 }).filter((s) => { try { JSON.parse(s); return false; } catch { return true; } }).map((s) => Buffer.concat([packInt32(Buffer.byteLength(s)), Buffer.from(s)])),
  fc.tuple(fc.integer({ min: 10, max: 5000 }), fc.nat(9)).map(([size, short]) => {
    const h = header({ file_name: 'f', file_size: size });
    return Buffer.concat([packInt32(h.length), h, Buffer.alloc(Math.max(0, size - 1 - short), 0x61)]);
  }),
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b)),
);

test('bad frames end only their own connection, and leave no fd behind', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conform-bad-frames-'));
  const before = snapshot();
  const server = new EventLoopTCPServer(['127.0.0.1', 0], UploadHandler, { context: { uploadDir: dir }, handleError: () => undefined });
  await server.server_activate();
  const serving = server.serve_forever();
  const port = server.server_address[1];
  try {
    await fc.assert(
      fc.asyncProperty(badFrame, async (bad) => {
        const rude = await connect(port);
        await rude.sendall(bad).catch(() => undefined);
        rude.shutdownWrite();
        const end = await endOf(rude, 10);
        rude.close();
        expect(['eof', 'ConnectionResetError']).toContain(end);
        const good = await connect(port);
        try {
          expect(await uploadFile(good, 'ok.bin', Buffer.from('still serving'), { timeout: 10 })).toMatchObject({ received: 13, md5_ok: true });
        } finally {
          good.close();
        }
      }),
      { numRuns: 30, seed: 20261204 },
    );
  } finally {
    await server.server_close();
    await serving;
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await expectNoLeaks(before);
});

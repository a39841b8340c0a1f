// Limits and malformed requests: each gives a clear error, and either keeps the connection
// usable (file size, quota, unknown commands, bad fields) or, where the stream can no longer be
// trusted (a header over the limit, a bad frame, an unread body, too many failed logins),
// delivers its error reply and then closes the connection cleanly.
import { FtpError, putBuffer, type FtpClient } from '../../impl/ftp';
import { packInt32 } from '../../impl/net/length-prefix';
import { headerFramePrefix } from '../../impl/net/header-frame-stream';
import { expectNoLeaks, snapshot, type ResourceSnapshot } from '../net/helpers/leaks';
import { ask, rawChannel, startFixture, type Fixture } from './helpers/ftp-fixture';

let atStart: ResourceSnapshot;
let fx: Fixture;

const MAX_HEADER = 2048;
const MAX_FILE = 300_000;
const QUOTA = 1_000_000;

beforeAll(async () => {
  atStart = snapshot();
  fx = await startFixture({ users: ['alice', 'carol'], limits: { maxHeaderBytes: MAX_HEADER, maxFileBytes: MAX_FILE, maxLoginFailures: 3 }, quotas: { alice: QUOTA } });
});

afterAll(async () => {
  await fx.close();
  await expectNoLeaks(atStart);
});

async function codeOf(step: Promise<unknown>): Promise<string> {
  return step.then(
    () => 'granted',
    (e: Error) => (e instanceof FtpError ? e.code : e.name),
  );
}

/** What the peer sees after the last reply: `eof` when the server closed cleanly. */
async function endOf(channel: Awaited<ReturnType<typeof rawChannel>>['channel']): Promise<string> {
  try {
    return (await channel.readHeader(5)) === null ? 'eof' : 'another message';
  } catch (e) {
    return (e as Error).name;
  }
}

describe('limits that keep the connection usable', () => {
  let alice: FtpClient;
  beforeAll(async () => {
    alice = await fx.connect('alice');
  });
  afterAll(async () => {
    alice.close();
    await alice.closed;
  });

  it('announces the limits at login', () => {
    expect(alice.limits).toEqual({ max_file_bytes: MAX_FILE, quota_bytes: QUOTA, used_bytes: 0 });
  });

  it('a file over the maximum size is refused before any byte is sent', async () => {
    expect(await codeOf(putBuffer(alice, Buffer.alloc(MAX_FILE + 1), 'big.bin', { retries: 0 }))).toBe('too-large');
    expect(await alice.pwd()).toBe('/');
    await putBuffer(alice, Buffer.alloc(MAX_FILE), 'max.bin', { retries: 0 });
    expect((await alice.stat('max.bin')).size).toBe(MAX_FILE);
  });

  it('the quota counts stored files, replacing a file frees its old size, and going over is refused', async () => {
    await putBuffer(alice, Buffer.alloc(MAX_FILE, 1), 'a.bin', { retries: 0 });
    await putBuffer(alice, Buffer.alloc(MAX_FILE, 2), 'b.bin', { retries: 0 });
    // 900 000 of 1 000 000 used: another 300 000 does not fit, a replacement of the same size does.
    expect(await codeOf(putBuffer(alice, Buffer.alloc(MAX_FILE, 3), 'c.bin', { retries: 0 }))).toBe('quota-exceeded');
    await putBuffer(alice, Buffer.alloc(MAX_FILE, 4), 'b.bin', { retries: 0 });
    expect(await codeOf(alice.stat('c.bin'))).toBe('not-found');
    await alice.rm('b.bin');
    await putBuffer(alice, Buffer.alloc(MAX_FILE, 3), 'c.bin', { retries: 0 });
    for (const f of ['max.bin', 'a.bin', 'c.bin']) await alice.rm(f);
  });

  it('two uploads that fit alone but not together: one is refused, whichever comes second', async () => {
    const other = await fx.connect('alice');
    try {
      await putBuffer(alice, Buffer.alloc(MAX_FILE, 9), 'base.bin', { retries: 0 });
      await putBuffer(alice, Buffer.alloc(MAX_FILE, 9), 'base2.bin', { retries: 0 });
      // 600 000 used; two puts of 300 000 each are admitted one after the other under a lock.
      const outcomes = await Promise.all([
        codeOf(putBuffer(alice, Buffer.alloc(MAX_FILE, 5), 'x.bin', { retries: 0 })),
        codeOf(putBuffer(other, Buffer.alloc(MAX_FILE, 6), 'y.bin', { retries: 0 })),
      ]);
      expect(outcomes.sort()).toEqual(['granted', 'quota-exceeded']);
    } finally {
      other.close();
      await other.closed;
    }
  });

  it('an unknown command, a missing field and a wrong type are refused, and the connection goes on', async () => {
    expect(await codeOf(alice.request({ cmd: 'format-disk' }))).toBe('unknown-command');
    expect(await codeOf(alice.request({ cmd: 'put', path: 'x' }))).toBe('bad-request');
    expect(await codeOf(alice.request({ cmd: 'put', path: 'x', size: -1, sha256: 'a'.repeat(64) }))).toBe('bad-request');
    expect(await codeOf(alice.request({ cmd: 'put', path: 'x', size: 1, sha256: 'not hex' }))).toBe('bad-request');
    expect(await codeOf(alice.request({ cmd: 'get', path: 'x', offset: 'zero' }))).toBe('bad-request');
    expect(await codeOf(alice.request({ cmd: 'data', offset: 0 }))).toBe('no-upload');
    expect(await alice.pwd()).toBe('/');
  });
});

describe('errors after which the server closes cleanly, its reply delivered first', () => {
  it('a header over the maximum: header-too-large, then EOF; other connections are unaffected', async () => {
    const bystander = await fx.connect('carol');
    const { channel, greeting } = await rawChannel(fx.port);
    expect(greeting).toMatchObject({ ok: true, hello: 'conform-ftp', max_header_bytes: MAX_HEADER });
    const reply = await ask(channel, { cmd: 'pwd', padding: 'x'.repeat(MAX_HEADER) });
    expect(reply).toMatchObject({ ok: false, close: true, error: { code: 'header-too-large' } });
    expect(await endOf(channel)).toBe('eof');
    channel.close();
    expect(await bystander.pwd()).toBe('/');
    bystander.close();
    await bystander.closed;
  });

  it('a hostile length prefix (2 GB, negative) is refused without reading or allocating it', async () => {
    for (const prefix of [packInt32(2 ** 31 - 1), packInt32(-5)]) {
      const { channel } = await rawChannel(fx.port);
      await channel.connection.sendall(prefix);
      const reply = await channel.readHeader();
      expect(reply).toMatchObject({ ok: false, close: true, error: { code: expect.stringMatching(/^(header-too-large|bad-frame)$/) } });
      expect(await endOf(channel)).toBe('eof');
      channel.close();
    }
  });

  it.each([
    ['not JSON', Buffer.from('{"cmd": pwd')],
    ['JSON but not an object', Buffer.from('[1, 2]')],
    ['no file_size', Buffer.from('{"cmd": "pwd"}')],
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
  ])('a bad frame (%s): bad-frame, then EOF', async (_what, header) => {
    const { channel } = await rawChannel(fx.port);
    await channel.connection.sendall(Buffer.concat([packInt32(header.length), header]));
    expect(await channel.readHeader()).toMatchObject({ ok: false, close: true, error: { code: 'bad-frame' } });
    expect(await endOf(channel)).toBe('eof');
    channel.close();
  });

  it('a body on a command that takes none: body-not-allowed, then EOF', async () => {
    const client = await fx.connect('carol');
    const channel = client.messages;
    await channel.connection.sendall(Buffer.concat([headerFramePrefix({ cmd: 'pwd', file_size: 5 }), Buffer.from('hello')]));
    expect(await channel.readHeader()).toMatchObject({ ok: false, close: true, error: { code: 'body-not-allowed' } });
    expect(await endOf(channel)).toBe('eof');
    client.close();
    await client.closed;
  });

  it('data announcing another size than the put said: offset-mismatch, then EOF', async () => {
    const client = await fx.connect('carol');
    const begun = await client.request({ cmd: 'put', path: 'm.bin', size: 10, sha256: 'a'.repeat(64) });
    expect(begun).toMatchObject({ ok: true, offset: 0 });
    await client.messages.connection.sendall(Buffer.concat([headerFramePrefix({ cmd: 'data', offset: 0, file_size: 4 }), Buffer.from('abcd')]));
    expect(await client.messages.readHeader()).toMatchObject({ ok: false, close: true, error: { code: 'offset-mismatch' } });
    expect(await endOf(client.messages)).toBe('eof');
    client.close();
    await client.closed;
  });

  it('too many failed logins on one connection: the last refusal says close, then EOF', async () => {
    const { channel } = await rawChannel(fx.port);
    const replies = [];
    for (let i = 0; i < 3; i++) {
      await ask(channel, { cmd: 'auth-start', user: 'alice', client_nonce: 'AAAAAAAAAAAAAAAAAAAAAAAA' });
      replies.push(await ask(channel, { cmd: 'auth-proof', proof: Buffer.alloc(32).toString('base64') }));
    }
    expect(replies.map((r) => [r?.['error'], r?.['close'] ?? false])).toEqual([
      [{ code: 'auth-failed', message: 'unknown user or wrong password' }, false],
      [{ code: 'auth-failed', message: 'unknown user or wrong password' }, false],
      [{ code: 'auth-failed', message: 'unknown user or wrong password' }, true],
    ]);
    expect(await endOf(channel)).toBe('eof');
    channel.close();
  });

  it('a data body before login: auth-required, then EOF', async () => {
    const { channel } = await rawChannel(fx.port);
    await channel.connection.sendall(Buffer.concat([headerFramePrefix({ cmd: 'data', offset: 0, file_size: 3 }), Buffer.from('abc')]));
    expect(await channel.readHeader()).toMatchObject({ ok: false, close: true, error: { code: 'auth-required' } });
    expect(await endOf(channel)).toBe('eof');
    channel.close();
  });
});

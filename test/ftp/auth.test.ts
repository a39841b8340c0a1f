// 用户加密认证: the password never crosses the wire (the bytes of a whole session are captured
// and searched), a captured login cannot be replayed, the accounts file holds only salted scrypt
// derivatives, a wrong password and an unknown user get the same challenge shape and the same
// refusal, an unknown user's salt is stable even across a restart, and a client will not accept
// a server that cannot prove it holds the user's keys.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import { addUser, AUTH_FAILED_MESSAGE, FtpClient, FtpError, putBuffer, readAccounts } from '../../impl/ftp';
import { MessageChannel } from '../../impl/ftp/message-channel';
import { authMessage, clientProof, keysFrom, saltedPassword, type ScryptParams } from '../../impl/ftp/scram';
import { StreamConnection } from '../../impl/net/stream-connection';
import { expectNoLeaks, snapshot, type ResourceSnapshot } from '../net/helpers/leaks';
import { ask, rawChannel, startFixture, TEST_KDF, type Fixture } from './helpers/ftp-fixture';

let atStart: ResourceSnapshot;
let fx: Fixture;

beforeAll(async () => {
  atStart = snapshot();
  fx = await startFixture({ users: ['alice', 'bob'] });
  // bob gets alice's password: the salts must still make their stored keys differ.
  await addUser(fx.accounts, 'bob', fx.passwords['alice']!, { kdf: TEST_KDF, replace: true });
  fx.passwords['bob'] = fx.passwords['alice']!;
});

afterAll(async () => {
  await fx.close();
  await expectNoLeaks(atStart);
});

/** A TCP proxy that records every byte both ways. */
async function recordingProxy(port: number): Promise<{ port: number; bytes(): Buffer; close(): Promise<void> }> {
  const seen: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.on('data', (d) => (seen.push(d), upstream.write(d)));
    upstream.on('data', (d) => (seen.push(d), client.write(d)));
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    bytes: () => Buffer.concat(seen),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** One raw login attempt; the proof from `password`, or random bytes for null. */
async function attempt(user: string, password: string | null) {
  const { channel } = await rawChannel(fx.port);
  try {
    const nonce = randomBytes(18).toString('base64');
    const challenge = (await ask(channel, { cmd: 'auth-start', user, client_nonce: nonce }))!;
    let proof: Buffer = randomBytes(32);
    if (password !== null) {
      const keys = keysFrom(await saltedPassword(password, Buffer.from(String(challenge['salt']), 'base64'), challenge['kdf'] as unknown as ScryptParams));
      proof = clientProof(keys, authMessage(user, nonce, String(challenge['server_nonce'])));
    }
    const verdict = (await ask(channel, { cmd: 'auth-proof', proof: proof.toString('base64') }))!;
    return { challenge, verdict, proof, nonce };
  } finally {
    channel.reset();
  }
}

it('the password crosses the wire in no form during a whole session', async () => {
  const proxy = await recordingProxy(fx.port);
  try {
    const client = await FtpClient.connect({ host: '127.0.0.1', port: proxy.port, user: 'alice', password: fx.passwords['alice']! });
    await putBuffer(client, Buffer.from('hello'), 'hello.txt');
    client.close();
    await client.closed;
  } finally {
    await proxy.close();
  }
  const wire = proxy.bytes();
  expect(wire.length).toBeGreaterThan(100);
  const password = fx.passwords['alice']!;
  for (const form of [password, Buffer.from(password).toString('base64'), Buffer.from(password).toString('hex')]) expect(wire.includes(Buffer.from(form))).toBe(false);
});

it('a captured proof cannot be replayed: the server\'s nonce is new each time', async () => {
  const good = await attempt('alice', fx.passwords['alice']!);
  expect(good.verdict).toMatchObject({ ok: true, user: 'alice' });
  const { channel } = await rawChannel(fx.port);
  try {
    await ask(channel, { cmd: 'auth-start', user: 'alice', client_nonce: good.nonce });
    expect(await ask(channel, { cmd: 'auth-proof', proof: good.proof.toString('base64') })).toMatchObject({ ok: false, error: { code: 'auth-failed' } });
  } finally {
    channel.reset();
  }
});

it('the accounts file holds salted scrypt derivatives only: no password, a salt per user', async () => {
  const text = await fs.readFile(fx.accounts, 'utf8');
  for (const password of Object.values(fx.passwords)) {
    expect(text.includes(password)).toBe(false);
    expect(text.includes(Buffer.from(password).toString('base64'))).toBe(false);
  }
  const accounts = await readAccounts(fx.accounts);
  const [a, b] = [accounts.get('alice')!, accounts.get('bob')!];
  expect(a.kdf).toEqual(TEST_KDF);
  expect(a.salt.length).toBe(16);
  // Same password, different salts, so nothing stored is the same.
  expect(a.salt.equals(b.salt)).toBe(false);
  expect(a.storedKey.equals(b.storedKey)).toBe(false);
  expect((await fs.stat(fx.accounts)).mode & 0o077).toBe(0);
});

it('a wrong password and an unknown user: the same challenge shape, the same refusal, stable salts', async () => {
  const wrong = await attempt('alice', 'not the password');
  const unknown = await attempt('mallory', 'whatever');
  const unknownAgain = await attempt('mallory', 'whatever');
  const real = await attempt('alice', fx.passwords['alice']!);
  expect(wrong.verdict).toEqual({ ok: false, error: { code: 'auth-failed', message: AUTH_FAILED_MESSAGE }, file_size: 0 });
  expect(unknown.verdict).toEqual(wrong.verdict);
  const shape = (c: typeof real.challenge) => ({ keys: Object.keys(c).sort(), kdf: c['kdf'], salt: Buffer.from(String(c['salt']), 'base64').length, nonce: String(c['server_nonce']).length });
  expect(shape(unknown.challenge)).toEqual(shape(real.challenge));
  expect(unknown.challenge['salt']).toBe(unknownAgain.challenge['salt']);
  expect(real.challenge['salt']).toBe(wrong.challenge['salt']);
  expect(unknown.challenge['salt']).not.toBe(real.challenge['salt']);
  expect(real.verdict).toMatchObject({ ok: true });
});

it("an unknown user's salt is the same after a restart, as a real user's is", async () => {
  const before = await attempt('mallory', null);
  await fx.restart();
  const after = await attempt('mallory', null);
  expect(after.challenge['salt']).toBe(before.challenge['salt']);
});

it('a user added while the server runs can log in at once', async () => {
  await addUser(fx.accounts, 'newcomer', 'fresh password', { kdf: TEST_KDF });
  const client = await fx.connect('newcomer', 'fresh password');
  expect(await client.pwd()).toBe('/');
  client.close();
  await client.closed;
});

it('the client refuses a server that accepts the login without proving it holds the keys', async () => {
  // An impostor: answers like the real server but cannot compute the server signature.
  const impostor = net.createServer(async (socket) => {
    const channel = new MessageChannel(StreamConnection.wrap(socket), { maxHeaderBytes: 65536, readTimeout: 10 });
    try {
      await channel.send({ ok: true, hello: 'conform-ftp', version: 1, max_header_bytes: 16384 });
      await channel.readHeader();
      await channel.send({ ok: true, salt: randomBytes(16).toString('base64'), kdf: { ...TEST_KDF }, server_nonce: randomBytes(18).toString('base64') });
      await channel.readHeader();
      await channel.send({ ok: true, user: 'alice', cwd: '/', server_signature: randomBytes(32).toString('base64'), limits: { max_file_bytes: 1, quota_bytes: 1, used_bytes: 0 } });
      await channel.readHeader();
    } catch {
      // the client hung up
    } finally {
      channel.reset();
    }
  });
  await new Promise<void>((r) => impostor.listen(0, '127.0.0.1', r));
  try {
    const port = (impostor.address() as net.AddressInfo).port;
    const refused = await FtpClient.connect({ host: '127.0.0.1', port, user: 'alice', password: 'any' }).then(
      () => 'accepted',
      (e: FtpError) => e.code,
    );
    expect(refused).toBe('auth-failed');
  } finally {
    await new Promise((r) => impostor.close(r));
  }
});

it('the client refuses a key derivation cost that would exhaust it', async () => {
  const hostile = net.createServer(async (socket) => {
    const ch = new MessageChannel(StreamConnection.wrap(socket), { maxHeaderBytes: 65536, readTimeout: 10 });
    try {
      await ch.send({ ok: true, hello: 'conform-ftp', version: 1, max_header_bytes: 16384 });
      await ch.readHeader();
      await ch.send({ ok: true, salt: randomBytes(16).toString('base64'), kdf: { name: 'scrypt', N: 2 ** 30, r: 8, p: 1, dklen: 32 }, server_nonce: 'x'.repeat(24) });
      await ch.readHeader();
    } catch {
      // hung up
    } finally {
      ch.reset();
    }
  });
  await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', r));
  try {
    const port = (hostile.address() as net.AddressInfo).port;
    await expect(FtpClient.connect({ host: '127.0.0.1', port, user: 'alice', password: 'any' })).rejects.toMatchObject({ code: 'auth-failed', message: expect.stringMatching(/refuses/) });
  } finally {
    await new Promise((r) => hostile.close(r));
  }
});

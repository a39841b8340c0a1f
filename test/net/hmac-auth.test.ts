// 001 §十: HMAC challenge–response. A client with the key is accepted; a wrong key, a replayed
// answer, a truncated or oversized answer are rejected, and the server keeps serving.
import * as path from 'node:path';
import { answerChallenge, createChallenge, digestLength, proveIdentity, verifyAnswer } from '../../impl/net/hmac-auth';
import { packInt32 } from '../../impl/net/length-prefix';
import { AuthenticatedEchoUpperHandler, hmacContext } from '../../impl/net/socketserver/authenticated-echo-handler';
import { EventLoopTCPServer, type HandlerErrorReport, ThreadingTCPServer, type TCPServer } from '../../impl/net/socketserver';
import type { StreamConnection } from '../../impl/net/stream-connection';
import { connect, endOf, exchange } from './helpers/echo-client';
import { expectNoLeaks, snapshot, type ResourceSnapshot } from './helpers/leaks';

const KEY = Buffer.from('secret key');
const SALT = Buffer.from('salt');

let atStart: ResourceSnapshot;
beforeAll(() => {
  atStart = snapshot();
});
afterAll(async () => {
  await expectNoLeaks(atStart);
});

describe('answer and verify', () => {
  const challenge = Buffer.from(Array.from({ length: 32 }, (_, i) => i));

  test('the answer is HMAC-SHA256(key, salt + challenge), as python3 computes it', () => {
    // hmac.new(b'secret key', b'salt' + bytes(range(32)), hashlib.sha256).hexdigest()
    expect(answerChallenge(challenge, { key: KEY, salt: SALT }).toString('hex')).toBe('6453910c8e7d66a273c15501fe84f35ffdf1c902f3d9a90206e213dd08e1fc5c');
    // without a salt: hmac.new(b'secret key', bytes(range(32)), hashlib.sha256).hexdigest()
    expect(answerChallenge(challenge, { key: KEY }).toString('hex')).toBe('5e661493f9153d76f20d8fea466680b6eab5ad838cc8f694b44ca0db9a8024b6');
  });

  test('verify accepts exactly the right answer', () => {
    const right = answerChallenge(challenge, { key: KEY, salt: SALT });
    expect(verifyAnswer(challenge, right, { key: KEY, salt: SALT })).toBe(true);
    expect(verifyAnswer(challenge, right, { key: Buffer.from('other key'), salt: SALT })).toBe(false);
    expect(verifyAnswer(challenge, right, { key: KEY })).toBe(false); // the salt matters
    expect(verifyAnswer(challenge, right.subarray(0, 31), { key: KEY, salt: SALT })).toBe(false);
    expect(verifyAnswer(challenge, Buffer.concat([right, Buffer.from([0])]), { key: KEY, salt: SALT })).toBe(false);
    const flipped = Buffer.from(right);
    flipped[31] = flipped[31]! ^ 1;
    expect(verifyAnswer(challenge, flipped, { key: KEY, salt: SALT })).toBe(false);
  });

  test('challenges are fresh random bytes', () => {
    expect(createChallenge().length).toBe(32);
    expect(createChallenge()).not.toEqual(createChallenge());
    expect(digestLength('sha256')).toBe(32);
    expect(digestLength('md5')).toBe(16);
  });
});

describe('an authenticating echo-upper server', () => {
  let server: TCPServer;
  let serving: Promise<void>;
  let errors: HandlerErrorReport[];
  let port: number;
  const open: StreamConnection[] = [];

  beforeEach(async () => {
    errors = [];
    server = new EventLoopTCPServer(['127.0.0.1', 0], AuthenticatedEchoUpperHandler, {
      context: hmacContext({ key: KEY, salt: SALT, timeout: 0.5 }),
      handleError: (r) => errors.push(r),
    });
    await server.server_activate();
    serving = server.serve_forever();
    port = server.server_address[1];
  });
  afterEach(async () => {
    for (const conn of open.splice(0)) conn.reset();
    await server.server_close();
    await serving;
  });

  const client = async () => {
    const conn = await connect(port);
    open.push(conn);
    return conn;
  };

  /** Reads the server's challenge frame as a raw client would. */
  const readChallenge = async (conn: StreamConnection) => conn.recvExactly((await conn.recvExactly(4)).readInt32LE(0));

  /** After a rejection the server says `denied` (or resets, if our answer was left unread) and closes. */
  const expectRejected = async (conn: StreamConnection) => {
    const outcome = await conn.recvExactly(4, { timeout: 10 }).then(
      async (prefix) => (await conn.recvExactly(prefix.readInt32LE(0), { timeout: 10 })).toString(),
      (error: Error) => error.name,
    );
    expect(['denied', 'ConnectionResetError']).toContain(outcome);
    expect(['eof', 'ConnectionResetError']).toContain(await endOf(conn));
  };

  /** The server still authenticates and serves a legitimate client. */
  const expectStillServing = async () => {
    const conn = await client();
    expect(await proveIdentity(conn, { key: KEY, salt: SALT })).toBe(true);
    expect((await exchange(conn, 'still serving')).toString()).toBe('STILL SERVING');
  };

  test('a client holding the key is accepted and served', async () => {
    const conn = await client();
    expect(await proveIdentity(conn, { key: KEY, salt: SALT })).toBe(true);
    expect((await exchange(conn, 'hello')).toString()).toBe('HELLO');
    expect(errors).toEqual([]);
  });

  test('a client with the wrong key is told denied and disconnected', async () => {
    const conn = await client();
    expect(await proveIdentity(conn, { key: Buffer.from('guessed key'), salt: SALT })).toBe(false);
    expect(await endOf(conn)).toBe('eof');
    await expectStillServing();
  });

  test('an answer replayed from an earlier connection is rejected: every connection has a new challenge', async () => {
    const legit = await client();
    const firstChallenge = await readChallenge(legit);
    const recorded = answerChallenge(firstChallenge, { key: KEY, salt: SALT });
    await legit.sendall(Buffer.concat([packInt32(recorded.length), recorded]));
    expect((await legit.recvExactly(6)).subarray(4).toString()).toBe('ok');

    const replay = await client();
    const secondChallenge = await readChallenge(replay);
    expect(secondChallenge).not.toEqual(firstChallenge);
    await replay.sendall(Buffer.concat([packInt32(recorded.length), recorded]));
    await expectRejected(replay);
    await expectStillServing();
  });

  test('a truncated answer (then the client closes) is rejected', async () => {
    const conn = await client();
    const answer = answerChallenge(await readChallenge(conn), { key: KEY, salt: SALT });
    await conn.sendall(Buffer.concat([packInt32(32), answer.subarray(0, 10)]));
    conn.shutdownWrite();
    await expectRejected(conn);
    await expectStillServing();
  });

  test('a truncated answer from a client that then waits is rejected after the server\'s timeout', async () => {
    const conn = await client();
    const answer = answerChallenge(await readChallenge(conn), { key: KEY, salt: SALT });
    await conn.sendall(Buffer.concat([packInt32(32), answer.subarray(0, 10)]));
    await expectRejected(conn);
    await expectStillServing();
  });

  test('an answer announced shorter than the digest is rejected', async () => {
    const conn = await client();
    const answer = answerChallenge(await readChallenge(conn), { key: KEY, salt: SALT });
    await conn.sendall(Buffer.concat([packInt32(16), answer.subarray(0, 16)]));
    await expectRejected(conn);
    await expectStillServing();
  });

  test('an oversized answer (the right HMAC followed by more) is rejected before it is read', async () => {
    const conn = await client();
    const answer = answerChallenge(await readChallenge(conn), { key: KEY, salt: SALT });
    await conn.sendall(Buffer.concat([packInt32(1_000_000), answer, Buffer.alloc(1000, 1)]));
    await expectRejected(conn);
    await expectStillServing();
  });

  test('a negative length and plain garbage are rejected', async () => {
    const negative = await client();
    await readChallenge(negative);
    await negative.sendall(packInt32(-32));
    await expectRejected(negative);
    const garbage = await client();
    await readChallenge(garbage);
    await garbage.sendall('GET / HTTP/1.1\r\n\r\n');
    await expectRejected(garbage);
    await expectStillServing();
    expect(errors).toEqual([]); // rejections are not handler errors
  });
});

test('the key travels in the server context, so a thread-per-connection server authenticates too', async () => {
  const before = snapshot();
  const server = new ThreadingTCPServer(
    ['127.0.0.1', 0],
    { module: path.join(__dirname, '../../impl/net/socketserver/authenticated-echo-handler.ts'), name: 'AuthenticatedEchoUpperHandler' },
    { context: hmacContext({ key: KEY }) },
  );
  await server.server_activate();
  const serving = server.serve_forever();
  const good = await connect(server.server_address[1]);
  expect(await proveIdentity(good, { key: KEY })).toBe(true);
  expect((await exchange(good, 'thread')).toString()).toBe('THREAD');
  good.close();
  const bad = await connect(server.server_address[1]);
  expect(await proveIdentity(bad, { key: Buffer.from('nope') })).toBe(false);
  bad.close();
  await server.server_close();
  await serving;
  await expectNoLeaks(before);
});

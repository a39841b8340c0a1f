// StreamConnection's Python-like calls over real loopback sockets.
import * as net from 'node:net';
import { StreamConnection } from '../../impl/net/stream-connection';
import { expectNoLeaks, snapshot, type ResourceSnapshot } from './helpers/leaks';

let atStart: ResourceSnapshot;
beforeAll(() => {
  atStart = snapshot();
});
afterAll(async () => {
  await expectNoLeaks(atStart);
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A listener whose accepted sockets are handed to `onConnection`; closed after each test. */
async function listen(onConnection: (socket: net.Socket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let closing: Promise<void> | null = null;
  const close = () => {
    for (const s of sockets) s.destroy();
    closing ??= new Promise<void>((resolve) => server.close(() => resolve()));
    return closing;
  };
  cleanups.push(close);
  return { port: (server.address() as net.AddressInfo).port, close };
}

async function connect(port: number): Promise<StreamConnection> {
  const conn = await StreamConnection.connect('127.0.0.1', port);
  cleanups.push(() => conn.reset());
  return conn;
}

describe('StreamConnection', () => {
  test('recv(n) returns at most n bytes and keeps the rest for the next call; b"" after the peer closes', async () => {
    const before = snapshot();
    const server = await listen((socket) => socket.end(Buffer.from('abcdefghij')));
    const conn = await connect(server.port);
    const first = await conn.recv(4);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThanOrEqual(4);
    let all = first;
    for (let chunk = await conn.recv(4); chunk.length > 0; chunk = await conn.recv(4)) {
      expect(chunk.length).toBeLessThanOrEqual(4);
      all = Buffer.concat([all, chunk]);
    }
    expect(all.toString()).toBe('abcdefghij');
    expect((await conn.recv(1024)).length).toBe(0);
    conn.close();
    await conn.closed;
    await server.close();
    await expectNoLeaks(before);
  });

  test('recvExactly loops; a peer that closes early gives EOFError', async () => {
    const server = await listen((socket) => socket.end(Buffer.from('12345')));
    const conn = await connect(server.port);
    expect((await conn.recvExactly(3)).toString()).toBe('123');
    await expect(conn.recvExactly(5)).rejects.toMatchObject({ name: 'EOFError' });
    conn.close();
    await server.close();
  });

  test('a reset peer gives ConnectionResetError with CPython\'s text', async () => {
    // Reset once the request arrives: a reset during the handshake would fail connect instead.
    const server = await listen((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const conn = await connect(server.port);
    await conn.sendall('request');
    await expect(conn.recv(1024)).rejects.toMatchObject({ name: 'ConnectionResetError', message: '[Errno 104] Connection reset by peer' });
    conn.close();
    await server.close();
  });

  test('a recv with a timeout gives TimeoutError("timed out") and leaves the connection usable', async () => {
    let peer: net.Socket | null = null;
    const server = await listen((socket) => (peer = socket));
    const conn = await connect(server.port);
    await expect(conn.recv(10, { timeout: 0.05 })).rejects.toMatchObject({ name: 'TimeoutError', message: 'timed out' });
    const next = conn.recv(10);
    peer!.write('late');
    expect((await next).toString()).toBe('late');
    conn.close();
    await server.close();
  });

  test('connecting to a closed port is ConnectionRefusedError', async () => {
    const server = await listen(() => undefined);
    const port = server.port;
    await server.close();
    await expect(StreamConnection.connect('127.0.0.1', port)).rejects.toMatchObject({ name: 'ConnectionRefusedError', message: '[Errno 111] Connection refused' });
  });

  test('sendall after close is BrokenPipeError; recv after close is EBADF', async () => {
    const server = await listen(() => undefined);
    const conn = await connect(server.port);
    const pending = conn.recv(1);
    conn.close();
    await expect(pending).rejects.toMatchObject({ message: '[Errno 9] Bad file descriptor' });
    await expect(conn.sendall('x')).rejects.toMatchObject({ name: 'BrokenPipeError' });
    await server.close();
  });

  test('a reader that stops reading pauses the socket, and nothing is lost when it reads again', async () => {
    const payload = Buffer.alloc(3 * 1024 * 1024, 7);
    const server = await listen((socket) => socket.end(payload));
    const conn = await connect(server.port);
    await new Promise((r) => setTimeout(r, 100));
    expect(conn.bufferedBytes).toBeLessThan(payload.length);
    let total = 0;
    for (let chunk = await conn.recv(65536); chunk.length > 0; chunk = await conn.recv(65536)) total += chunk.length;
    expect(total).toBe(payload.length);
    conn.close();
    await server.close();
  });

  test('reset after close still releases the socket (Node leaks resetAndDestroy after end)', async () => {
    const before = snapshot();
    const server = await listen(() => undefined);
    const conn = await connect(server.port);
    conn.close();
    conn.reset();
    await conn.closed;
    await server.close();
    await expectNoLeaks(before);
  });

  test('reset() makes the peer see ConnectionResetError', async () => {
    let accepted!: (socket: net.Socket) => void;
    const peer = new Promise<net.Socket>((resolve) => (accepted = resolve));
    const server = await listen((socket) => accepted(socket));
    const conn = await connect(server.port);
    const socket = await peer;
    const seen = new Promise<Error>((resolve) => socket.on('error', resolve));
    conn.reset();
    expect(await seen).toMatchObject({ code: 'ECONNRESET' });
    await server.close();
  });

  test('closing with received bytes unread resets the connection, as Linux does; closing after reading everything is a FIN', async () => {
    const accepted: net.Socket[] = [];
    const server = await listen((socket) => accepted.push(socket));
    const ends: Promise<string>[] = [];
    for (const readFirst of [false, true]) {
      const conn = await connect(server.port);
      while (accepted.length < ends.length + 1) await new Promise((r) => setTimeout(r, 5));
      const peer = accepted[ends.length]!;
      ends.push(
        new Promise((resolve) => {
          peer.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
          peer.on('end', () => resolve('end'));
        }),
      );
      peer.write('unsolicited');
      while (conn.bufferedBytes === 0) await new Promise((r) => setTimeout(r, 5));
      if (readFirst) await conn.recv(1024);
      conn.close();
    }
    expect(await Promise.all(ends)).toEqual(['ECONNRESET', 'end']);
    await server.close();
  });
});

// The socket facade's TCP semantics over real loopback sockets, checked against what CPython
// does on Linux (the expected values were taken from python3 3.11 runs).
import {
  AF_INET,
  AF_INET6,
  AF_UNIX,
  IPPROTO_TCP,
  SHUT_WR,
  SO_REUSEADDR,
  SOL_SOCKET,
  Socket,
  TCP_NODELAY,
  errnoNumber,
  socket,
} from '../../../impl/net/socket';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

type Pair = { server: Socket; client: Socket; conn: Socket; close(): void };

async function connectedPair(family: typeof AF_INET | typeof AF_INET6 = AF_INET): Promise<Pair> {
  const server = socket(family);
  await server.bind([family === AF_INET ? '127.0.0.1' : '::1', 0]);
  await server.listen(5);
  const client = socket(family);
  await client.connect(server.getsockname());
  const [conn] = await server.accept();
  return { server, client, conn, close: () => [server, client, conn].forEach((s) => s.close()) };
}

/** Lets the peer's bytes reach this process (the kernel delivers on loopback at once; Node reads on its next turn). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('TCP sockets', () => {
  test('a new socket is AF_INET, SOCK_STREAM, blocking, with no timeout; accepted ones are blocking too', async () => {
    const p = await connectedPair();
    try {
      expect([p.client.family, p.client.type, p.client.getblocking(), p.client.gettimeout()]).toEqual([AF_INET, 1, true, null]);
      expect([p.conn.getblocking(), p.conn.gettimeout()]).toEqual([true, null]);
    } finally {
      p.close();
    }
  });

  test('recv(n) returns at most n bytes of whatever arrived: several sends in one recv, one send in several', async () => {
    const p = await connectedPair();
    try {
      await p.client.send(Buffer.from('hello'));
      await p.client.send(Buffer.from('world'));
      await settle();
      expect((await p.conn.recv(3)).toString()).toBe('hel');
      expect((await p.conn.recv(100)).toString()).toBe('loworld');
      await p.client.sendall(Buffer.alloc(3000, 'x'));
      await settle();
      const sizes = [];
      for (let got = 0; got < 3000; ) {
        const chunk = await p.conn.recv(1024);
        sizes.push(chunk.length);
        got += chunk.length;
      }
      expect(sizes[0]).toBe(1024);
      expect(sizes.every((n) => n <= 1024)).toBe(true);
    } finally {
      p.close();
    }
  });

  test("send(b'') sends nothing; recv returns b'' only after the peer closes, then at once every time", async () => {
    const p = await connectedPair();
    try {
      expect(await p.client.send(Buffer.alloc(0))).toBe(0);
      p.conn.settimeout(0.05);
      await expect(p.conn.recv(10)).rejects.toMatchObject({ name: 'TimeoutError', message: 'timed out' });
      p.conn.settimeout(null);
      const pending = p.conn.recv(10);
      await p.client.sendall(Buffer.from('x'));
      expect((await pending).toString()).toBe('x');
      p.client.close();
      expect((await p.conn.recv(10)).length).toBe(0);
      expect((await p.conn.recv(10)).length).toBe(0);
      expect((await p.conn.recv(0)).length).toBe(0);
    } finally {
      p.close();
    }
  });

  test('non-blocking recv and accept raise BlockingIOError with EAGAIN (11 on Linux)', async () => {
    const p = await connectedPair();
    try {
      p.conn.setblocking(false);
      const error = await p.conn.recv(10).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'BlockingIOError', errno: errnoNumber('EAGAIN') });
      if (process.platform === 'linux') expect((error as Error).message).toBe('[Errno 11] Resource temporarily unavailable');
      p.server.setblocking(false);
      await expect(p.server.accept()).rejects.toMatchObject({ name: 'BlockingIOError', errno: errnoNumber('EAGAIN') });
      await p.client.sendall(Buffer.from('now'));
      await settle();
      expect((await p.conn.recv(10)).toString()).toBe('now');
    } finally {
      p.close();
    }
  });

  test('shutdown(SHUT_WR) is a half-close: the peer reads EOF and can still answer', async () => {
    const p = await connectedPair();
    try {
      await p.client.sendall(Buffer.from('request'));
      p.client.shutdown(SHUT_WR);
      expect((await p.conn.recv(100)).toString()).toBe('request');
      expect((await p.conn.recv(100)).length).toBe(0);
      await p.conn.sendall(Buffer.from('response'));
      expect((await p.client.recv(100)).toString()).toBe('response');
      await expect(p.client.send(Buffer.from('x'))).rejects.toMatchObject({ name: 'BrokenPipeError', errno: errnoNumber('EPIPE') });
    } finally {
      p.close();
    }
  });

  test('closing with unread data resets the peer (ConnectionResetError), a plain close gives EOF', async () => {
    const p = await connectedPair();
    try {
      await p.conn.sendall(Buffer.from('unread'));
      await settle();
      p.client.close();
      await settle();
      await expect(p.conn.recv(10)).rejects.toMatchObject({ name: 'ConnectionResetError', errno: errnoNumber('ECONNRESET') });
      expect((await p.conn.recv(10)).length).toBe(0);
    } finally {
      p.close();
    }
  });

  test('a blocking send to a reader that does not read waits (timeout); non-blocking ones end in EAGAIN', async () => {
    const p = await connectedPair();
    try {
      p.client.setblocking(false);
      let accepted = 0;
      let error: unknown;
      for (let i = 0; i < 400 && error === undefined; i++) {
        await p.client.send(Buffer.alloc(65536)).then(
          () => accepted++,
          (e: unknown) => (error = e),
        );
      }
      expect(accepted).toBeGreaterThan(0);
      expect(error).toMatchObject({ name: 'BlockingIOError' });
      const other = await connectedPair();
      try {
        other.client.settimeout(0.1);
        await expect(other.client.sendall(Buffer.alloc(16 * 1024 * 1024))).rejects.toMatchObject({ name: 'TimeoutError' });
      } finally {
        other.close();
      }
    } finally {
      p.close();
    }
  });

  test("CPython's errors: unconnected send (EPIPE) and recv (ENOTCONN), a port out of range, use after close, a refused connect", async () => {
    const s = socket();
    await expect(s.send(Buffer.from('x'))).rejects.toMatchObject({ name: 'BrokenPipeError', errno: errnoNumber('EPIPE') });
    await expect(s.recv(1)).rejects.toMatchObject({ name: 'OSError', errno: errnoNumber('ENOTCONN') });
    await expect(s.bind(['127.0.0.1', 65536])).rejects.toMatchObject({ name: 'OverflowError', message: 'bind(): port must be 0-65535.' });
    await expect(s.bind('127.0.0.1' as never)).rejects.toMatchObject({ name: 'TypeError', message: 'AF_INET address must be tuple, not str' });
    await expect(s.recv(-1)).rejects.toMatchObject({ name: 'ValueError', message: 'negative buffersize in recv' });
    s.close();
    s.close();
    await expect(s.recv(1)).rejects.toMatchObject({ name: 'OSError', errno: errnoNumber('EBADF'), message: expect.stringMatching(/Bad file descriptor$/) });
    const gone = socket();
    await gone.bind(['127.0.0.1', 0]);
    await gone.listen();
    const address = gone.getsockname();
    gone.close();
    await new Promise((r) => setTimeout(r, 20));
    const refused = socket();
    await expect(refused.connect(address)).rejects.toMatchObject({ name: 'ConnectionRefusedError', errno: errnoNumber('ECONNREFUSED') });
    refused.close();
  });

  test('TCP_NODELAY reads back what was set; a listener always has SO_REUSEADDR (Node sets it)', async () => {
    const p = await connectedPair();
    try {
      expect(p.client.getsockopt(IPPROTO_TCP, TCP_NODELAY)).toBe(0);
      p.client.setsockopt(IPPROTO_TCP, TCP_NODELAY, 1);
      expect(p.client.getsockopt(IPPROTO_TCP, TCP_NODELAY)).toBe(1);
      expect(p.server.getsockopt(SOL_SOCKET, SO_REUSEADDR)).toBe(1);
      expect(p.client.getsockopt(SOL_SOCKET, SO_REUSEADDR)).toBe(0);
    } finally {
      p.close();
    }
  });

  test('IPv6 loopback and AF_UNIX stream sockets work the same way', async () => {
    const six = await connectedPair(AF_INET6);
    try {
      await six.client.sendall(Buffer.from('v6'));
      expect((await six.conn.recv(10)).toString()).toBe('v6');
      expect(six.conn.getpeername()).toEqual(['::1', expect.any(Number), 0, 0]);
    } finally {
      six.close();
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conform-unix-test-'));
    const where = path.join(dir, 'u.sock');
    const server = socket(AF_UNIX);
    const client = socket(AF_UNIX);
    try {
      await server.bind(where);
      await server.listen();
      await client.connect(where);
      const [conn, peer] = await server.accept();
      expect(peer).toBe('');
      expect(conn.getsockname()).toBe(where);
      expect(client.getpeername()).toBe(where);
      await client.sendall(Buffer.from('unix'));
      expect((await conn.recv(10)).toString()).toBe('unix');
      conn.close();
    } finally {
      client.close();
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

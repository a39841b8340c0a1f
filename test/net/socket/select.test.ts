// select() and the selectors registry over real loopback sockets: level-triggered readiness,
// timeouts, and CPython's errors.
import { DefaultSelector, EVENT_READ, EVENT_WRITE, SelectSelector, select, socket, type Socket } from '../../../impl/net/socket';

async function listener(): Promise<Socket> {
  const s = socket();
  await s.bind(['127.0.0.1', 0]);
  await s.listen();
  return s;
}

describe('select', () => {
  test('times out with three empty lists, after at least the timeout', async () => {
    const srv = await listener();
    try {
      const started = performance.now();
      expect(await select([srv], [], [], 0.05)).toEqual([[], [], []]);
      expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    } finally {
      srv.close();
    }
  });

  test('is level-triggered: a pending connection is reported until accepted, a closed peer on every call', async () => {
    const srv = await listener();
    const client = socket();
    try {
      await client.connect(srv.getsockname());
      for (let i = 0; i < 3; i++) expect((await select([srv], [], [], 1))[0]).toEqual([srv]);
      const [conn] = await srv.accept();
      expect(await select([srv], [], [], 0)).toEqual([[], [], []]);
      expect(await select([conn], [conn], [], 0)).toEqual([[], [conn], []]);
      client.close();
      for (let i = 0; i < 3; i++) {
        expect((await select([conn], [], [], 1))[0]).toEqual([conn]);
        expect((await conn.recv(10)).length).toBe(0);
      }
      conn.close();
    } finally {
      srv.close();
      client.close();
    }
  });

  test('without a timeout waits for the first socket to become ready', async () => {
    const srv = await listener();
    const client = socket();
    try {
      const waiting = select([srv], [], []);
      let returned = false;
      void waiting.then(() => (returned = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(returned).toBe(false);
      await client.connect(srv.getsockname());
      expect((await waiting)[0]).toEqual([srv]);
    } finally {
      srv.close();
      client.close();
    }
  });

  test("rejects CPython's bad arguments: a closed socket, a negative timeout", async () => {
    const closed = socket();
    closed.close();
    await expect(select([closed], [], [], 0)).rejects.toMatchObject({ name: 'ValueError', message: 'file descriptor cannot be a negative integer (-1)' });
    await expect(select([], [], [], -1)).rejects.toMatchObject({ name: 'ValueError', message: 'timeout must be non-negative' });
  });
});

describe('selectors', () => {
  test('register stores the callback as key.data; select returns (key, mask); unregister stops reporting', async () => {
    const srv = await listener();
    const client = socket();
    const sel = new DefaultSelector<string>();
    try {
      const key = sel.register(srv, EVENT_READ, 'accept');
      expect([key.fileobj, key.events, key.data]).toEqual([srv, EVENT_READ, 'accept']);
      expect(() => sel.register(srv, EVENT_READ, 'again')).toThrow(expect.objectContaining({ name: 'KeyError' }));
      expect(() => sel.register(client, 0)).toThrow(expect.objectContaining({ name: 'ValueError', message: 'Invalid events: 0' }));
      await client.connect(srv.getsockname());
      const events = await sel.select(1);
      expect(events.map(([k, mask]) => [k.data, mask])).toEqual([['accept', EVENT_READ]]);
      sel.unregister(srv);
      expect(await sel.select(0.05)).toEqual([]);
      expect(() => sel.unregister(srv)).toThrow(expect.objectContaining({ name: 'KeyError' }));
      // CPython finds a closed socket (fd -1) only among registered keys; otherwise ValueError.
      sel.register(client, EVENT_READ, 'read');
      client.close();
      expect(sel.unregister(client).data).toBe('read');
      expect(() => sel.unregister(client)).toThrow(expect.objectContaining({ name: 'ValueError', message: 'Invalid file descriptor: -1' }));
      expect(() => sel.modify(client, EVENT_READ)).toThrow(expect.objectContaining({ name: 'ValueError' }));
      expect(() => sel.get_key(client)).toThrow(expect.objectContaining({ name: 'ValueError' }));
    } finally {
      sel.close();
      srv.close();
      client.close();
    }
  });

  test("the documents' dispatch: key.data is the callback, called with key.fileobj and the mask", async () => {
    const srv = await listener();
    const client = socket();
    const sel = new DefaultSelector<(s: Socket, mask: number) => Promise<string>>();
    try {
      const accept = async (s: Socket) => {
        const [conn] = await s.accept();
        conn.close();
        return 'accepted';
      };
      sel.register(srv, EVENT_READ, accept);
      await client.connect(srv.getsockname());
      const results = await Promise.all((await sel.select()).map(([key, mask]) => key.data(key.fileobj, mask)));
      expect(results).toEqual(['accepted']);
    } finally {
      sel.close();
      srv.close();
      client.close();
    }
  });

  test('SelectSelector reports write readiness and rejects a registered socket that was closed', async () => {
    const srv = await listener();
    const client = socket();
    const sel = new SelectSelector();
    try {
      await client.connect(srv.getsockname());
      sel.register(client, EVENT_READ | EVENT_WRITE);
      expect((await sel.select(1)).map(([, mask]) => mask)).toEqual([EVENT_WRITE]);
      client.close();
      await expect(sel.select(0)).rejects.toMatchObject({ name: 'ValueError' });
      const epoll = new DefaultSelector();
      const other = socket();
      epoll.register(other, EVENT_READ);
      other.close();
      expect(await epoll.select(0)).toEqual([]);
      epoll.close();
    } finally {
      sel.close();
      srv.close();
    }
  });
});

// socketserver in its four TCP concurrency models, serving the documents' echo-upper protocol:
// correctness, serial vs concurrent service judged by event order, handler exceptions and reset
// clients that leave the server serving, and no file descriptor or handle left behind.
import * as path from 'node:path';
import {
  EchoUpperHandler,
  EventLoopTCPServer,
  ForkingTCPServer,
  type HandlerErrorReport,
  type HandlerModule,
  RAISE_TRIGGER,
  type ServerOptions,
  TCPServer,
  ThreadingTCPServer,
} from '../../impl/net/socketserver';
import { connect, endOf, exchange, waitAtMost } from './helpers/echo-client';
import { expectNoLeaks, snapshot, type ResourceSnapshot } from './helpers/leaks';

let atStart: ResourceSnapshot;
beforeAll(() => {
  atStart = snapshot();
});
afterAll(async () => {
  await expectNoLeaks(atStart);
});

const ECHO: HandlerModule = { module: path.join(__dirname, '../../impl/net/socketserver/echo-upper-handler.ts'), name: 'EchoUpperHandler' };
const IDENTITY: HandlerModule = { module: path.join(__dirname, 'fixtures/identity-handler.ts'), name: 'IdentityHandler' };
const STUCK: HandlerModule = { module: path.join(__dirname, 'fixtures/identity-handler.ts'), name: 'StuckHandler' };

interface Model {
  name: string;
  concurrent: boolean;
  make(handler: HandlerModule, options: ServerOptions): TCPServer;
}

const MODELS: Model[] = [
  { name: 'TCPServer (serial)', concurrent: false, make: (h, o) => new TCPServer(['127.0.0.1', 0], h, o) },
  { name: 'EventLoopTCPServer', concurrent: true, make: (h, o) => new EventLoopTCPServer(['127.0.0.1', 0], h, o) },
  { name: 'ThreadingTCPServer', concurrent: true, make: (h, o) => new ThreadingTCPServer(['127.0.0.1', 0], h, o) },
  { name: 'ForkingTCPServer', concurrent: true, make: (h, o) => new ForkingTCPServer(['127.0.0.1', 0], h, o) },
];

/** A started server, its port, and the errors its handle_error saw; stopped after each test. */
async function start(model: Model, handler: HandlerModule = ECHO, options: ServerOptions = {}) {
  const errors: HandlerErrorReport[] = [];
  const server = model.make(handler, { handleError: (r) => errors.push(r), ...options });
  await server.server_activate();
  const serving = server.serve_forever();
  // server_close stops the accept loop too, and unlike shutdown() does not wait for a request
  // that never ends (a serial server's loop is inside it).
  const stop = async () => {
    await server.server_close();
    await serving;
  };
  running.push(stop);
  return { server, port: server.server_address[1], errors, stop };
}

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of running.splice(0)) await stop();
});

describe.each(MODELS)('$name', (model) => {
  test('echoes each message upper-cased as bytes.upper() does (ASCII only)', async () => {
    const { port } = await start(model);
    const conn = await connect(port);
    expect((await exchange(conn, 'hello, world 123')).toString()).toBe('HELLO, WORLD 123');
    const mixed = Buffer.concat([Buffer.from('abc '), Buffer.from('ä学', 'utf8'), Buffer.from([0xff, 0x7a])]);
    expect(await exchange(conn, mixed)).toEqual(Buffer.concat([Buffer.from('ABC '), Buffer.from('ä学', 'utf8'), Buffer.from([0xff, 0x5a])]));
    conn.close();
  });

  test(model.concurrent ? 'serves a second client while the first is still connected' : 'serves a second client only after the first disconnects', async () => {
    const { port } = await start(model);
    const events: string[] = [];
    const first = await connect(port);
    expect((await exchange(first, 'first')).toString()).toBe('FIRST');
    const second = await connect(port); // connects at once: the listen backlog takes it
    events.push('second connected');
    const reply = exchange(second, 'second', 30).then((r) => {
      events.push('second answered');
      return r.toString();
    });
    // Give the server every chance to answer while the first client is still there.
    await waitAtMost(reply, model.concurrent ? 30_000 : 500);
    events.push('first closes');
    first.close();
    expect(await reply).toBe('SECOND');
    second.close();
    expect(events).toEqual(
      model.concurrent ? ['second connected', 'second answered', 'first closes'] : ['second connected', 'first closes', 'second answered'],
    );
  });

  test('an exception in one handler closes only that connection; handle_error sees it; the server keeps serving', async () => {
    const { port, errors } = await start(model);
    const bystander = model.concurrent ? await connect(port) : null;
    if (bystander) expect((await exchange(bystander, 'before')).toString()).toBe('BEFORE');
    const victim = await connect(port);
    await victim.sendall(RAISE_TRIGGER);
    expect(await endOf(victim)).toBe('eof');
    victim.close();
    if (bystander) {
      expect((await exchange(bystander, 'after')).toString()).toBe('AFTER');
      bystander.close();
    }
    const next = await connect(port);
    expect((await exchange(next, 'next')).toString()).toBe('NEXT');
    next.close();
    expect(errors.map((e) => e.error.name)).toEqual(['HandlerTriggeredError']);
  });

  test('a client that resets mid-conversation is handled and the server keeps serving', async () => {
    const { port, errors } = await start(model);
    const rude = await connect(port);
    expect((await exchange(rude, 'partial')).toString()).toBe('PARTIAL');
    await rude.sendall('half a request that nobody will read');
    rude.reset();
    const next = await connect(port);
    expect((await exchange(next, 'still there?')).toString()).toBe('STILL THERE?');
    next.close();
    expect(errors).toEqual([]); // 001's handler catches the reset itself
  });

  test('server_close ends a request that never finishes, within its deadline', async () => {
    const { port, stop } = await start(model, STUCK, { closeTimeoutMs: 300 });
    const conn = await connect(port);
    await conn.sendall('anyone?');
    const seen = endOf(conn, 30);
    await stop();
    expect(['eof', 'ConnectionResetError']).toContain(await seen);
    conn.close();
  });

  test('clients, good and bad, leave no file descriptor or handle behind once the server is closed', async () => {
    const before = snapshot();
    const { port, stop } = await start(model);
    for (let i = 0; i < 3; i++) {
      const good = await connect(port);
      expect((await exchange(good, `client ${i}`)).toString()).toBe(`CLIENT ${i}`);
      good.close();
      const rude = await connect(port);
      await rude.sendall('x');
      rude.reset();
      const raiser = await connect(port);
      await raiser.sendall(RAISE_TRIGGER);
      await endOf(raiser);
      raiser.close();
    }
    await stop();
    await expectNoLeaks(before);
  });
});

describe('where handlers run', () => {
  const whereIs = async (conn: Awaited<ReturnType<typeof connect>>) => {
    await conn.sendall('where?');
    return (await conn.recv(1024, { timeout: 20 })).toString();
  };
  const identity = async (model: Model) => {
    const { port } = await start(model, IDENTITY);
    const a = await connect(port);
    const b = await connect(port);
    const ids = [await whereIs(a), await whereIs(b)];
    a.close();
    b.close();
    return ids.map((s) => s.split(' ').map(Number) as [number, number]);
  };

  test('ThreadingTCPServer: each connection on its own worker thread of this process', async () => {
    const ids = await identity(MODELS[2]!);
    for (const [pid, tid] of ids) {
      expect(pid).toBe(process.pid);
      expect(tid).not.toBe(0); // 0 is the main thread
    }
    expect(ids[0]![1]).not.toBe(ids[1]![1]);
  });

  test('ForkingTCPServer: each connection in its own child process', async () => {
    const ids = await identity(MODELS[3]!);
    expect(ids[0]![0]).not.toBe(process.pid);
    expect(ids[1]![0]).not.toBe(process.pid);
    expect(ids[0]![0]).not.toBe(ids[1]![0]);
  });

  test('EventLoopTCPServer and TCPServer: on the server\'s own thread', async () => {
    for (const model of [MODELS[0]!, MODELS[1]!]) {
      const errors: HandlerErrorReport[] = [];
      const server = model.make(IDENTITY, { handleError: (r) => errors.push(r) });
      await server.server_activate();
      const serving = server.serve_forever();
      const conn = await connect(server.server_address[1]);
      expect(await whereIs(conn)).toBe(`${process.pid} 0`);
      conn.close();
      await server.shutdown();
      await server.server_close();
      await serving;
      expect(errors).toEqual([]);
    }
  });
});

describe('ThreadingTCPServer with joinEachThread (002: t.start(); t.join())', () => {
  test('joining each thread before the next accept makes the server serial again', async () => {
    const joined: Model = { name: 'joined', concurrent: false, make: (h, o) => new ThreadingTCPServer(['127.0.0.1', 0], h, { ...o, joinEachThread: true }) };
    const { port } = await start(joined);
    const events: string[] = [];
    const first = await connect(port);
    expect((await exchange(first, 'first')).toString()).toBe('FIRST');
    const second = await connect(port);
    const reply = exchange(second, 'second', 30).then(() => events.push('second answered'));
    await waitAtMost(reply, 500);
    events.push('first closes');
    first.close();
    await reply;
    second.close();
    expect(events).toEqual(['first closes', 'second answered']);
  });
});

test('an in-process handler class works too (no module path needed for the serial and event-loop servers)', async () => {
  const server = new EventLoopTCPServer(['127.0.0.1', 0], EchoUpperHandler);
  await server.server_activate();
  const serving = server.serve_forever();
  const conn = await connect(server.server_address[1]);
  expect((await exchange(conn, 'class')).toString()).toBe('CLASS');
  conn.close();
  await server.shutdown();
  await server.server_close();
  await serving;
});

// Each TCP fault of the chaos relay, observed from the client and the server.
import { randomBytes } from 'node:crypto';
import { ChaosRelay, type Fault, bandwidth, latency, rechunk, resetPeer, stall } from '../../harness/chaos';
import { StreamConnection } from '../../impl/net/stream-connection';
import { expectNoLeaks, snapshot, type ResourceSnapshot } from '../net/helpers/leaks';
import { eventually, startSink } from './helpers/tcp-sink';

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

async function through(faults: Fault[], seed = 1) {
  const sink = await startSink();
  cleanups.push(sink.close);
  const relay = await ChaosRelay.start({ target: ['127.0.0.1', sink.port], seed, faults, protocols: ['tcp'] });
  cleanups.push(() => relay.close());
  const client = await StreamConnection.connect('127.0.0.1', relay.address[1], { timeout: 10 });
  cleanups.push(() => client.reset());
  return { sink, relay, client };
}

type Sink = Awaited<ReturnType<typeof startSink>>;

/** Closes the client's write side and waits until the server saw the end. */
async function finish(client: StreamConnection, sink: Sink) {
  client.shutdownWrite();
  const conn = await eventually(() => sink.connections[0]);
  await conn.done;
  return conn;
}

/** Sends `payload`, then `finish`. */
async function deliver(client: StreamConnection, sink: Sink, payload: Buffer) {
  await client.sendall(payload);
  return finish(client, sink);
}

describe('rechunk', () => {
  test('every byte arrives in order, in slices no longer than maxSlice', async () => {
    const payload = randomBytes(20_000);
    const { sink, relay, client } = await through([rechunk({ minSlice: 1, maxSlice: 50, gapMs: 0 })]);
    const conn = await deliver(client, sink, payload);
    expect(conn.ended).toBe('end');
    expect(Buffer.concat(conn.chunks)).toEqual(payload);
    const writes = relay.tcp!.stats[0]!.upstream.writes;
    expect(writes.reduce((a, b) => a + b, 0)).toBe(payload.length);
    expect(Math.max(...writes)).toBeLessThanOrEqual(50);
    expect(writes.length).toBeGreaterThanOrEqual(payload.length / 50);
  });

  test("the cut points are a function of the seed, whatever the bytes' arrival; arrival splits only add cuts", async () => {
    const payload = randomBytes(5000);
    const slicesFor = async (seed: number, pieces: number) => {
      const { sink, relay, client } = await through([rechunk({ maxSlice: 300, gapMs: 0 })], seed);
      for (let i = 0; i < pieces; i++) {
        await client.sendall(payload.subarray(Math.floor((i * payload.length) / pieces), Math.floor(((i + 1) * payload.length) / pieces)));
        await new Promise((r) => setTimeout(r, 5)); // separate arrivals at the relay
      }
      const conn = await finish(client, sink);
      expect(Buffer.concat(conn.chunks)).toEqual(payload);
      return relay.tcp!.stats[0]!.upstream.writes;
    };
    const cuts = (writes: number[]) => new Set(writes.map((_, i) => writes.slice(0, i + 1).reduce((a, b) => a + b, 0)));
    const arrivalCuts = new Set(Array.from({ length: 8 }, (_, i) => Math.floor((i * payload.length) / 7)));
    const once = cuts(await slicesFor(11, 1));
    const inSeven = cuts(await slicesFor(11, 7));
    for (const cut of once) expect(inSeven.has(cut)).toBe(true);
    for (const cut of inSeven) expect(once.has(cut) || arrivalCuts.has(cut)).toBe(true);
    expect(cuts(await slicesFor(11, 1))).toEqual(once);
    expect(cuts(await slicesFor(12, 1))).not.toEqual(once);
  });
});

describe('latency and bandwidth', () => {
  test('latency delays the first byte by at least its amount and keeps order', async () => {
    const { sink, client } = await through([latency({ ms: 150, jitterMs: 30 }), rechunk({ maxSlice: 100, gapMs: 0 })]);
    const payload = randomBytes(3000);
    const sentAt = performance.now();
    const firstByte = new Promise<number>((resolve) => {
      const poll = setInterval(() => {
        if (sink.connections[0]?.chunks.length) {
          clearInterval(poll);
          resolve(performance.now());
        }
      }, 5);
    });
    const conn = await deliver(client, sink, payload);
    expect((await firstByte) - sentAt).toBeGreaterThanOrEqual(150);
    expect(Buffer.concat(conn.chunks)).toEqual(payload);
  });

  test('a bandwidth limit makes a transfer take at least size / rate', async () => {
    const { sink, client } = await through([bandwidth({ bytesPerSecond: 200_000 })]);
    const payload = randomBytes(60_000);
    const started = performance.now();
    const conn = await deliver(client, sink, payload);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300 * 0.95);
    expect(Buffer.concat(conn.chunks)).toEqual(payload);
  });
});

describe('reset-peer', () => {
  test('after N bytes both sides are reset: the server got exactly N bytes, the client a ConnectionResetError', async () => {
    const { sink, relay, client } = await through([resetPeer({ afterBytes: 1000, direction: 'upstream' })]);
    await client.sendall(randomBytes(5000)).catch(() => undefined);
    const seen = await client.recv(1024, { timeout: 10 }).then(
      (data) => (data.length === 0 ? 'eof' : 'data'),
      (error: Error) => error.name,
    );
    expect(seen).toBe('ConnectionResetError');
    const server = await eventually(() => sink.connections[0]);
    await server.done;
    expect(Buffer.concat(server.chunks).length).toBe(1000);
    // The server was reset too. Node reports a reset that arrives together with unread data as
    // a plain end of stream (libuv turns POLLHUP after a partial read into EOF), so either shows.
    expect(['ECONNRESET', 'end']).toContain(server.ended);
    expect(relay.tcp!.stats[0]!.reset).toBe(true);
  });

  test('a range of N is drawn from the seed: the same seed cuts at the same byte', async () => {
    const cutWith = async (seed: number) => {
      const { sink, client } = await through([resetPeer({ afterBytes: [100, 4000], direction: 'upstream' })], seed);
      await client.sendall(randomBytes(5000)).catch(() => undefined);
      const server = await eventually(() => sink.connections[0]);
      await server.done;
      return Buffer.concat(server.chunks).length;
    };
    const first = await cutWith(99);
    expect(first).toBeGreaterThanOrEqual(100);
    expect(first).toBeLessThanOrEqual(4000);
    expect(await cutWith(99)).toBe(first);
  });
});

describe('stall', () => {
  test('after N bytes the client receives nothing more: recv times out, the connection stays open', async () => {
    const { sink, relay, client } = await through([stall({ afterBytes: 700, direction: 'downstream' })]);
    await client.sendall('go');
    (await eventually(() => sink.connections[0])).socket.write(randomBytes(4000));
    let got = 0;
    let outcome = 'open';
    while (outcome === 'open') {
      try {
        const data = await client.recv(4096, { timeout: 0.4 });
        if (data.length === 0) outcome = 'eof';
        got += data.length;
      } catch (error) {
        outcome = (error as Error).name;
      }
    }
    expect(outcome).toBe('TimeoutError');
    expect(got).toBe(700);
    expect(relay.tcp!.stats[0]!.downstream.stalled).toBe(true);
    expect(sink.connections[0]!.ended).toBeNull(); // nobody closed anything
    await relay.close();
    expect(await client.recv(10, { timeout: 10 }).then((d) => d.length, (e: Error) => e.name)).toBe(0);
  });
});

test('closing the relay mid-transfer leaves no socket or timer behind', async () => {
  const before = snapshot();
  const { sink, relay, client } = await through([latency({ ms: 5000 }), rechunk({ maxSlice: 10 })]);
  await client.sendall(randomBytes(10_000));
  await relay.close();
  client.reset();
  await sink.close();
  await expectNoLeaks(before);
});

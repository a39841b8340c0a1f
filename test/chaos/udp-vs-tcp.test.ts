// The same relay, the same lossy path: UDP datagrams are lost, duplicated and reordered; the TCP
// stream through it arrives whole and in order, only later.
import { randomBytes } from 'node:crypto';
import { ChaosRelay, type Fault, drop, duplicate, reorder } from '../../harness/chaos';
import { StreamConnection } from '../../impl/net/stream-connection';
import { expectNoLeaks, snapshot } from '../net/helpers/leaks';
import { eventually, startSink } from './helpers/tcp-sink';
import { startUdpSink, udpSender } from './helpers/udp-sink';

const LOSSY: Fault[] = [drop({ probability: 0.2, rtoMs: 50 }), duplicate({ probability: 0.1 }), reorder({ probability: 0.15, delayMs: 150 })];
const COUNT = 200;

type UdpSink = Awaited<ReturnType<typeof startUdpSink>>;

/** Sends datagrams 0..COUNT-1 (a 4-byte sequence number each) through `relay` to `sink`; returns what arrived, in order. */
async function sendDatagrams(relay: ChaosRelay, sink: UdpSink): Promise<number[]> {
  const sender = await udpSender();
  for (let seq = 0; seq < COUNT; seq++) {
    const datagram = Buffer.alloc(4);
    datagram.writeUInt32BE(seq);
    await sender.send(datagram, relay.address[1]);
  }
  await sender.close();
  // Everything the relay delivers arrives; wait for the held-back ones too.
  const delivered = () => relay.udp!.stats[0]?.upstream.delivered ?? 0;
  await eventually(() => (relay.udp!.stats[0]?.upstream.received === COUNT ? true : null));
  await new Promise((r) => setTimeout(r, 400));
  await eventually(() => (sink.received.length === delivered() ? true : null));
  return sink.received.map((d) => d.readUInt32BE(0));
}

async function udpThrough(seed: number): Promise<number[]> {
  const sink = await startUdpSink();
  const relay = await ChaosRelay.start({ target: ['127.0.0.1', sink.port], seed, faults: LOSSY, protocols: ['udp'] });
  try {
    return await sendDatagrams(relay, sink);
  } finally {
    await relay.close();
    await sink.close();
  }
}

const isSorted = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! <= x);

test('UDP through the lossy path loses, duplicates and reorders datagrams', async () => {
  const arrived = await udpThrough(2024);
  const unique = new Set(arrived);
  expect(unique.size).toBeLessThan(COUNT); // some lost
  expect(unique.size).toBeGreaterThan(COUNT / 2);
  expect(arrived.length).toBeGreaterThan(unique.size); // some twice
  expect(isSorted(arrived)).toBe(false); // some overtaken
});

test('the faults are the seed\'s: the same seed loses and repeats the same datagrams, another seed others', async () => {
  const count = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const first = count(await udpThrough(7));
  expect(count(await udpThrough(7))).toEqual(first);
  expect(count(await udpThrough(8))).not.toEqual(first);
});

test('through one relay with the same faults, UDP loses and reorders while TCP delivers every byte in order', async () => {
  const before = snapshot();
  // A TCP sink and a UDP sink on the same port number, behind one relay port for both protocols.
  const tcpSink = await startSink();
  const udpSink = await startUdpSink(tcpSink.port);
  const relay = await ChaosRelay.start({ target: ['127.0.0.1', tcpSink.port], seed: 2024, faults: LOSSY });
  expect(relay.tcp!.address[1]).toBe(relay.udp!.address[1]);

  const arrived = await sendDatagrams(relay, udpSink);
  expect(new Set(arrived).size).toBeLessThan(COUNT);
  expect(isSorted(arrived)).toBe(false);

  const payload = randomBytes(300_000);
  const client = await StreamConnection.connect('127.0.0.1', relay.address[1], { timeout: 10 });
  await client.sendall(payload);
  client.shutdownWrite();
  const conn = await eventually(() => tcpSink.connections[0]);
  await conn.done;
  expect(conn.ended).toBe('end');
  expect(Buffer.concat(conn.chunks)).toEqual(payload);

  client.close();
  await relay.close();
  await tcpSink.close();
  await udpSink.close();
  await expectNoLeaks(before);
});

import { filled } from '../../harness/scenario/bytes-json';
import type { Op } from '../../harness/scenario/model';
import type { ScenarioCheck } from '../claim';
import { op, scenario, thread } from '../dsl';
import { operationToJson } from '../../harness/checkers/describe';
import { all, checkEvery, expect, expectBefore, expectCompleted, expectReturnedAfter, expectValue, find } from '../judging';
import { addressOf, connectTo, fill, net, sockets } from '../socket-dsl';
import { bytesOf, concatBytes, expectBytes, expectOsError } from '../socket-judging';

/**
 * TCP as a byte stream: what recv returns and when, how sends and recvs need not line up, and
 * flow control. Every scenario has a server actor on a declared listener `srv` and a client
 * actor; where the reader must be late, an event says "all of it has been sent" instead of a
 * sleep, so the order the judges rely on is forced, not hoped for.
 */

const listener = { srv: sockets.tcpListener() };
const withEvent = { ...listener, sent: { type: 'event' as const } };

/** The client sends `chunks` one sendall each, then says so and closes. */
const sendThenSignal = (chunks: Op[]): Op[] => [...connectTo('srv'), ...chunks, op.set('sent'), net.close('c')];
/** The server accepts, waits until everything was sent, then runs `reads`. */
const acceptThenWait = (reads: Op[]): Op[] => [net.accept('srv', 'conn'), op.wait('sent'), ...reads];

export const workflow: ScenarioCheck = checkEvery(
  [
    scenario('server: accept, recv, sendall; client: socket, connect, sendall, recv', {
      objects: listener,
      actors: [
        thread('server', [net.accept('srv', 'conn'), net.recv('conn', 1024, { into: 'data' }), net.sendall('conn', { reg: 'data', upper: true }), net.close('conn')]),
        thread('client', [...connectTo('srv'), net.sendall('c', 'hello'), net.recv('c', 1024), net.close('c')]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    expect(find(run, 'server', 'accept').outcome === 'ok', 'the server accepted the connection');
    expectBytes(find(run, 'server', 'recv'), 'hello', 'the server reads what the client sent');
    expectBytes(find(run, 'client', 'recv'), 'HELLO', "the client reads the server's reply on its own socket");
    expectReturnedAfter(find(run, 'server', 'recv'), find(run, 'client', 'sendall'), 'the server recv waits for the client to send');
  },
  'bind/listen (declared), accept, connect, send and recv carried a request and its reply',
);

export const socketDefaults: ScenarioCheck = checkEvery(
  [
    scenario('socket() with no arguments, used as a TCP client', {
      objects: listener,
      actors: [
        thread('server', [net.accept('srv', 'conn'), net.recv('conn', 1024)]),
        thread('client', [net.socket('s'), net.info('s'), net.getblocking('s'), net.connect('s', addressOf('srv')), net.sendall('s', 'x'), net.close('s')]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    expectValue(find(run, 'client', 'socket_info'), { family: 'AF_INET', type: 'SOCK_STREAM' });
    expectValue(find(run, 'client', 'getblocking'), true);
    expectBytes(find(run, 'server', 'recv'), 'x', 'the default socket connects and streams like TCP');
  },
  'socket() is AF_INET, SOCK_STREAM and blocking, and works as a TCP client',
);

export const recvAtMostN: ScenarioCheck = checkEvery(
  [
    scenario('ten bytes read with recv(4)', {
      objects: withEvent,
      actors: [
        thread('server', acceptThenWait([op.repeat(4, [net.recv('conn', 4)])])),
        thread('client', sendThenSignal([net.sendall('c', '0123456789')])),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const reads = all(run, 'recv');
    const lengths = reads.map((o) => bytesOf(o)?.length ?? -1);
    expect(lengths.every((n) => n >= 0 && n <= 4), `every recv(4) returns at most 4 bytes; got lengths ${JSON.stringify(lengths)}`);
    expect(concatBytes(reads).toString() === '0123456789', `the recvs together return the ten bytes in order; got ${JSON.stringify(concatBytes(reads).toString())}`);
    expect(lengths.some((n) => n > 0 && n < 4), `some recv returns fewer than 4 bytes (the tail); got lengths ${JSON.stringify(lengths)}`);
  },
  'recv(4) returned at most 4 bytes, fewer for the tail, and nothing was lost',
);

export const recvBlocks: ScenarioCheck = checkEvery(
  [
    scenario('the server recvs before the client sends', {
      objects: listener,
      actors: [
        thread('server', [net.accept('srv', 'conn'), net.recv('conn', 1024)]),
        thread('client', [...connectTo('srv'), op.sleep(3), net.sendall('c', 'late'), net.close('c')]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const got = find(run, 'server', 'recv');
    expectBytes(got, 'late', 'recv returns the data once it arrives');
    expectReturnedAfter(got, find(run, 'client', 'sendall'), 'recv waited for the send');
  },
  'recv blocked until the data was sent',
);

export const noBoundaries: ScenarioCheck = checkEvery(
  [
    scenario('three sends, one recv', {
      objects: withEvent,
      actors: [
        thread('server', acceptThenWait([net.recv('conn', 1024)])),
        thread('client', sendThenSignal([net.sendall('c', 'ab'), net.sendall('c', 'cde'), net.sendall('c', 'f')])),
      ],
    }),
    scenario('one send, three recvs', {
      objects: withEvent,
      actors: [
        thread('server', acceptThenWait([net.recv('conn', 2), net.recv('conn', 2), net.recv('conn', 2)])),
        thread('client', sendThenSignal([net.sendall('c', 'abcdef')])),
      ],
    }),
  ],
  (run, _s, i) => {
    expectCompleted(run);
    const reads = all(run, 'recv');
    if (i === 0) expectBytes(reads[0], 'abcdef', 'one recv returns the bytes of three sends');
    else expect(reads.map((o) => bytesOf(o)?.toString()).join('|') === 'ab|cd|ef', 'three recvs split one send');
  },
  'three sends came out of one recv, and one send out of three recvs',
);

export const lateReaderMerges: ScenarioCheck = checkEvery(
  [
    scenario('hello, world, again sent before the reader reads', {
      objects: withEvent,
      actors: [
        thread('server', acceptThenWait([net.recv('conn', 1024)])),
        thread('client', sendThenSignal([net.send('c', 'hello'), net.send('c', 'world'), net.send('c', 'again')])),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    expectBytes(find(run, 'server', 'recv'), 'helloworldagain', 'the late reader gets the three sends stuck together');
  },
  'three small sends sat in the receive buffer and one recv returned them together',
);

const BIG = '0123456789';

export const largeSendSeveralRecv: ScenarioCheck = checkEvery(
  [
    scenario('3000 bytes in one send, read with recv(1024)', {
      objects: withEvent,
      actors: [
        thread('server', acceptThenWait([op.repeat(5, [net.recv('conn', 1024)])])),
        thread('client', sendThenSignal([net.sendall('c', fill(BIG, 3000))])),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const reads = all(run, 'recv').filter((o) => (bytesOf(o)?.length ?? 0) > 0);
    expect(reads.every((o) => (bytesOf(o)?.length ?? 0) <= 1024), 'each recv(1024) returns at most 1024 bytes');
    expect(reads.length >= 3, `3000 bytes need at least three recv(1024); got ${reads.length}`);
    expect(concatBytes(reads).equals(filled(BIG, 3000)), 'the recvs return the 3000 bytes in order');
  },
  'one 3000-byte send took several recv(1024), the first at most 1024 bytes and later ones the rest',
);

const DIR_OUTPUT = fill(' Volume in drive C has no label.\r\n', 3000);

export const unreadTailBleeds: ScenarioCheck = checkEvery(
  [
    scenario('remote command: a 3000-byte output read with one recv(1024)', {
      objects: listener,
      actors: [
        thread('server', [
          net.accept('srv', 'conn'),
          net.recv('conn', 1024),
          net.sendall('conn', DIR_OUTPUT),
          net.recv('conn', 1024),
          net.sendall('conn', 'Windows IP Configuration\r\n'),
        ]),
        thread('client', [...connectTo('srv'), net.sendall('c', 'dir'), net.recv('c', 1024), net.sendall('c', 'ipconfig'), net.recv('c', 1024), net.close('c')]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const [first, second] = all(run, 'recv').filter((o) => o.actor === 'client');
    const output = filled(' Volume in drive C has no label.\r\n', 3000);
    const got = concatBytes([first, second]);
    expect((bytesOf(second)?.length ?? 0) > 0, "the second command's recv returns something");
    expect(got.equals(output.subarray(0, got.length)), "the reply to ipconfig is the unread tail of dir's output, not ipconfig's");
  },
  "the second recv(1024) returned the rest of the first command's output",
);

export const nagleAttribution: ScenarioCheck = checkEvery(
  [
    scenario('TCP_NODELAY set, three small sends, a late reader', {
      objects: withEvent,
      actors: [
        thread('server', acceptThenWait([net.recv('conn', 1024)])),
        thread('client', [
          net.socket('c'),
          net.setsockopt('c', 'TCP_NODELAY', 1),
          net.getsockopt('c', 'TCP_NODELAY'),
          net.connect('c', addressOf('srv')),
          net.send('c', 'hello'),
          net.send('c', 'world'),
          net.send('c', 'again'),
          op.set('sent'),
          net.close('c'),
        ]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    expectValue(find(run, 'client', 'getsockopt'), 1);
    expectBytes(find(run, 'server', 'recv'), 'helloworldagain', 'with Nagle off the late reader still gets the sends stuck together');
  },
  'with TCP_NODELAY the three sends still came out of one recv: the receive buffer merges them',
);

export const partialMessageVisible: ScenarioCheck = checkEvery(
  [
    scenario('one 16 MiB send and a reader that reads 64 KiB', {
      objects: listener,
      deadlineUnits: 250,
      actors: [
        thread('server', [net.accept('srv', 'conn'), net.recv('conn', 65536, { as: 'length' }), net.close('conn')]),
        thread('client', [...connectTo('srv'), net.send('c', fill('x', 16 * 1024 * 1024))]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const read = find(run, 'server', 'recv');
    expect(read.outcome === 'ok' && typeof read.value === 'number' && read.value > 0 && read.value <= 65536, 'the reader got part of the message');
    const send = find(run, 'client', 'send');
    expect(
      read.returnTime !== undefined && (send.returnTime === undefined || read.returnTime < send.returnTime),
      'the first bytes were readable while the send was still going on',
      [operationToJson(read), operationToJson(send)],
    );
  },
  'the reader saw the first bytes of a 16 MiB send before that send returned',
);

export const reliableOrdered: ScenarioCheck = (() => {
  const messages = Array.from({ length: 40 }, (_, i) => `msg-${String(i).padStart(2, '0')};`);
  return checkEvery(
    [
      scenario('forty 7-byte messages read with recv(5)', {
        objects: listener,
        actors: [
          thread('server', [net.accept('srv', 'conn'), op.repeat(80, [net.recv('conn', 5)])]),
          thread('client', [...connectTo('srv'), ...messages.map((m) => net.sendall('c', m)), net.close('c')]),
        ],
      }),
    ],
    (run) => {
      expectCompleted(run);
      const reads = all(run, 'recv');
      expect(reads.every((o) => o.outcome === 'ok' && (bytesOf(o)?.length ?? 99) <= 5), 'every recv(5) returned at most 5 bytes');
      const got = concatBytes(reads).toString();
      expect(got === messages.join(''), `the bytes arrived complete and in order; got ${JSON.stringify(got.slice(0, 80))}…`);
    },
    'what each recv left unread came with the next one: every byte, in order',
  );
})();

export const sendReturnsBeforeRecv: ScenarioCheck = checkEvery(
  [
    scenario('a small send, then the reader reads', {
      objects: { ...withEvent, done: { type: 'event' } },
      actors: [
        thread('server', [net.accept('srv', 'conn'), op.wait('sent'), net.recv('conn', 1024), op.set('done')]),
        thread('client', [...connectTo('srv'), net.send('c', 'ping'), op.set('sent'), op.wait('done'), net.close('c')]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const send = find(run, 'client', 'send');
    expectValue(send, 4);
    const recv = find(run, 'server', 'recv');
    expectBefore(send, recv, 'send returned before the peer called recv');
    expectBytes(recv, 'ping', 'the data waited in the buffers');
  },
  'send returned with no reader; the bytes waited for the later recv',
);

export const flowControl: ScenarioCheck = checkEvery(
  [
    scenario('non-blocking sends to a peer that does not read', {
      objects: listener,
      deadlineUnits: 200,
      actors: [
        thread('server', [net.accept('srv', 'conn'), op.sleep(12), net.close('conn')]),
        thread('client', [...connectTo('srv'), net.setblocking('c', false), op.repeat(300, [net.send('c', fill('f', 65536))])]),
      ],
    }),
    scenario('a blocking sendall with a timeout to a peer that does not read', {
      objects: listener,
      deadlineUnits: 200,
      actors: [
        thread('server', [net.accept('srv', 'conn'), op.sleep(12), net.close('conn')]),
        thread('client', [...connectTo('srv'), net.settimeout('c', 3), net.sendall('c', fill('f', 16 * 1024 * 1024))]),
      ],
    }),
  ],
  (run, _s, i) => {
    expectCompleted(run);
    if (i === 0) {
      const sends = all(run, 'send');
      const accepted = sends.filter((o) => o.outcome === 'ok').length;
      const refused = sends.findIndex((o) => o.outcome === 'fail');
      expect(accepted > 0 && refused > 0, `some sends were accepted, then refused; accepted ${accepted} of ${sends.length}`);
      expectOsError(sends[refused], 'BlockingIOError', undefined, 'a full send buffer makes a non-blocking send fail at once');
      expect(accepted < sends.length, 'not all 300 × 64 KiB fit: the unread peer held the sender back');
    } else {
      expectOsError(find(run, 'client', 'sendall'), 'TimeoutError', undefined, 'a blocking send waits while the peer does not read');
    }
  },
  'a sender whose peer did not read was held back: BlockingIOError when non-blocking, a wait (timed out) when blocking',
);

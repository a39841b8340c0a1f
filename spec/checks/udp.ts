import type { ScenarioCheck } from '../claim';
import { op, scenario, thread } from '../dsl';
import { all, checkEvery, expect, expectCompleted, expectReturnedAfter, expectValue, find } from '../judging';
import { addressOf, fill, net, reg, sockets } from '../socket-dsl';
import { expectBytes, expectOsError } from '../socket-judging';

/**
 * UDP: datagram boundaries, truncation, empty datagrams, no connection, one socket for many
 * peers, and silent loss when the receiver does not keep up. The receiver owns a declared UDP
 * socket `u`; senders address it with `{ "of": "u" }`.
 */

const udp = { u: sockets.udpSocket(), sent: { type: 'event' as const } };

/** A sender that sends each datagram to `u`, then says so. */
const sender = (name: string, datagrams: string[]) => thread(name, [net.udp('s'), ...datagrams.map((d) => net.sendto('s', d, addressOf('u'))), op.set('sent')]);

export const noSticking: ScenarioCheck = checkEvery(
  [
    scenario('three datagrams queued before the receiver reads', {
      objects: udp,
      actors: [thread('receiver', [op.wait('sent'), op.repeat(3, [net.recvfrom('u', 1024)])]), sender('sender', ['hello', 'world', 'again'])],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const reads = all(run, 'recvfrom');
    ['hello', 'world', 'again'].forEach((d, i) => expectBytes(reads[i], d, `recvfrom #${i + 1} returns exactly one datagram`));
  },
  'each recvfrom returned exactly one datagram, although all three were queued',
);

export const recvfromBlocks: ScenarioCheck = checkEvery(
  [
    scenario('the receiver waits for a late datagram', {
      objects: { u: sockets.udpSocket() },
      actors: [thread('receiver', [net.recvfrom('u', 1024)]), thread('sender', [net.udp('s'), op.sleep(3), net.sendto('s', 'late', addressOf('u'))])],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const got = find(run, 'receiver', 'recvfrom');
    expectBytes(got, 'late', 'the datagram');
    expectReturnedAfter(got, find(run, 'sender', 'sendto'), 'recvfrom waited for it');
  },
  'recvfrom blocked until the datagram was sent',
);

export const oversizedTruncated: ScenarioCheck = checkEvery(
  [
    scenario('a 10-byte datagram read with recvfrom(4), then a 2-byte one', {
      objects: udp,
      actors: [thread('receiver', [op.wait('sent'), net.recvfrom('u', 4), net.recvfrom('u', 4)]), sender('sender', ['0123456789', 'ab'])],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const [first, second] = all(run, 'recvfrom');
    expectBytes(first, '0123', 'the first 4 bytes of the long datagram');
    expectBytes(second, 'ab', 'the next call returns the next datagram: the rest of the long one is lost');
  },
  'recvfrom(4) truncated the 10-byte datagram and the rest was lost, not returned later',
);

export const emptyDatagram: ScenarioCheck = checkEvery(
  [
    scenario('an empty datagram, then a one-byte one', {
      objects: udp,
      actors: [thread('receiver', [op.wait('sent'), net.recvfrom('u', 1024), net.recvfrom('u', 1024)]), sender('sender', ['', 'x'])],
    }),
  ],
  (run) => {
    expectCompleted(run);
    expectValue(find(run, 'sender', 'sendto'), 0);
    const [empty, next] = all(run, 'recvfrom');
    expectBytes(empty, '', "the empty datagram arrives as (b'', sender)");
    expect(Array.isArray(empty.value) && Array.isArray(empty.value[1]), 'with the sender\'s address');
    expectBytes(next, 'x', 'and is a datagram of its own');
  },
  "sendto(b'') delivered a datagram that recvfrom returned as (b'', address)",
);

export const connectionless: ScenarioCheck = checkEvery(
  [
    scenario('sendto without listen, accept or connect, and to an address nobody is bound to', {
      objects: { u: sockets.udpSocket() },
      actors: [
        thread('receiver', [net.recvfrom('u', 1024), net.listen('u')]),
        thread('sender', [
          net.udp('gone'),
          net.bind('gone', ['127.0.0.1', 0]),
          net.getsockname('gone', 'nobody'),
          net.close('gone'),
          net.udp('s'),
          net.sendto('s', 'anyone?', reg('nobody')),
          net.sendto('s', 'hello', addressOf('u')),
        ]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const [toNobody, toReceiver] = all(run, 'sendto');
    expectValue(toNobody, 7);
    expectValue(toReceiver, 5);
    expectBytes(find(run, 'receiver', 'recvfrom'), 'hello', 'the datagram arrives with no connection set up');
    expectOsError(find(run, 'receiver', 'listen'), 'OSError', [95, 45, 10045], 'a UDP socket cannot listen (EOPNOTSUPP)');
  },
  'datagrams went out with no connection, even to an address nobody was bound to; a UDP socket cannot listen',
);

export const oneSocketManyPeers: ScenarioCheck = checkEvery(
  [
    scenario('one UDP server socket, two clients', {
      objects: { u: sockets.udpSocket() },
      actors: [
        thread('server', [op.repeat(2, [net.recvfrom('u', 1024, { into: 'data', addressInto: 'peer' }), net.sendto('u', { reg: 'data', upper: true }, reg('peer'))])]),
        thread('alpha', [net.udp('s'), net.sendto('s', 'alpha', addressOf('u')), net.recvfrom('s', 1024)]),
        thread('bravo', [net.udp('s'), net.sendto('s', 'bravo', addressOf('u')), net.recvfrom('s', 1024)]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    expectBytes(find(run, 'alpha', 'recvfrom'), 'ALPHA', "alpha gets the answer to its own datagram");
    expectBytes(find(run, 'bravo', 'recvfrom'), 'BRAVO', "bravo gets the answer to its own datagram");
    const peers = all(run, 'recvfrom').filter((o) => o.actor === 'server').map((o) => JSON.stringify(Array.isArray(o.value) ? o.value[1] : null));
    expect(new Set(peers).size === 2, `recvfrom reported two different senders: ${peers.join(', ')}`);
  },
  'one bound socket told its two peers apart by address and answered each',
);

const FLOOD = 600;

export const mayDrop: ScenarioCheck = checkEvery(
  [
    scenario(`${FLOOD} datagrams of 1400 bytes to a receiver that is not reading`, {
      objects: udp,
      deadlineUnits: 200,
      actors: [
        thread('receiver', [op.wait('sent'), net.setblocking('u', false), op.repeat(FLOOD + 50, [net.recvfrom('u', 2048, { as: 'length' })])]),
        thread('sender', [net.udp('s'), op.repeat(FLOOD, [net.sendto('s', fill('d', 1400), addressOf('u'))]), op.set('sent')]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const sends = all(run, 'sendto');
    expect(sends.length === FLOOD && sends.every((o) => o.outcome === 'ok'), `every sendto succeeded (${sends.filter((o) => o.outcome === 'ok').length} of ${FLOOD})`);
    const received = all(run, 'recvfrom').filter((o) => o.outcome === 'ok').length;
    expect(received > 0 && received < FLOOD, `some datagrams were dropped silently: received ${received} of ${FLOOD}`, { received, sent: FLOOD });
    expectOsError(all(run, 'recvfrom')[received], 'BlockingIOError', undefined, 'after the queued ones, nothing else came');
  },
  'datagrams beyond the receive buffer were dropped without any error at the sender',
);

import type { ScenarioCheck } from '../claim';
import { op, scenario, thread } from '../dsl';
import { all, checkEvery, expect, expectCompleted, expectReturnedAfter, expectValue, expectWaited, find } from '../judging';
import { connectTo, net, sockets } from '../socket-dsl';
import { expectBytes, expectOsError } from '../socket-judging';

/**
 * select.select: timeouts, blocking, level triggering, and the documents' select servers.
 * Results are `[readable, writable, exceptional]` lists of socket names.
 */

const listener = { srv: sockets.tcpListener() };
const NOTHING = [[], [], []];
const SRV_READABLE = [['srv'], [], []];

export const timeoutEmpty: ScenarioCheck = checkEvery(
  [scenario('select on a listener nobody connects to, timeout 3 units', { objects: listener, actors: [thread('server', [net.select(['srv'], { timeout: 3 })])] })],
  (run, s) => {
    expectCompleted(run);
    const selected = find(run, 'server', 'select');
    expectValue(selected, NOTHING);
    expectWaited(selected, 3, s);
  },
  'select returned three empty lists after its timeout',
);

export const noTimeoutWaits: ScenarioCheck = checkEvery(
  [
    scenario('select with no timeout and a late client', {
      objects: listener,
      actors: [thread('server', [net.select(['srv']), net.accept('srv', 'conn')]), thread('client', [op.sleep(3), ...connectTo('srv')])],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const selected = find(run, 'server', 'select');
    expectValue(selected, SRV_READABLE);
    expectReturnedAfter(selected, find(run, 'client', 'connect'), 'select waited until the client connected');
  },
  'select without a timeout blocked until the listener became readable',
);

/** A client connects; the server selects three times without accepting, accepts, and selects again. */
const levelTriggered = scenario('select before and after accepting a pending connection', {
  objects: { ...listener, connected: { type: 'event' }, accepted: { type: 'event' } },
  actors: [
    thread('server', [op.wait('connected'), op.repeat(3, [net.select(['srv'], { timeout: 5 })]), net.accept('srv', 'conn'), op.set('accepted'), net.select(['srv'], { timeout: 2 })]),
    thread('client', [...connectTo('srv'), op.set('connected'), op.wait('accepted'), net.close('c')]),
  ],
});

export const levelTriggeredUnaccepted: ScenarioCheck = checkEvery(
  [levelTriggered],
  (run) => {
    expectCompleted(run);
    const before = all(run, 'select').filter((o) => o.invokeTime < find(run, 'server', 'accept').invokeTime);
    expect(before.length === 3, 'three selects before the accept');
    for (const s of before) expectValue(s, SRV_READABLE);
  },
  'every select before the accept reported the listener readable again',
);

export const levelTriggeredAccepted: ScenarioCheck = checkEvery(
  [levelTriggered],
  (run, s) => {
    expectCompleted(run);
    const after = all(run, 'select').filter((o) => o.invokeTime > (find(run, 'server', 'accept').returnTime ?? Infinity));
    expect(after.length === 1, 'one select after the accept');
    expectValue(after[0], NOTHING);
    expectWaited(after[0], 2, s);
  },
  'once the connection was accepted, select no longer reported the listener',
);

export const recvAfterAcceptBlocksAll: ScenarioCheck = checkEvery(
  [
    scenario("the document's loop: select, accept, recv on the new connection, repeat", {
      objects: { ...listener, silentConnected: { type: 'event' }, eagerGaveUp: { type: 'event' } },
      actors: [
        thread('server', [
          net.select(['srv']),
          net.accept('srv', 'first'),
          net.recv('first', 1024),
          net.select(['srv'], { timeout: 5 }),
          net.accept('srv', 'second'),
          net.recv('second', 1024),
        ]),
        thread('silent', [...connectTo('srv'), op.set('silentConnected'), op.wait('eagerGaveUp'), net.sendall('c', 'finally'), net.close('c')]),
        thread('eager', [op.wait('silentConnected'), ...connectTo('srv'), net.sendall('c', 'hi'), net.settimeout('c', 4), net.recv('c', 1024), op.set('eagerGaveUp')]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    expect(find(run, 'eager', 'connect').outcome === 'ok', "the eager client's connect succeeds (the listen backlog takes it)");
    expectOsError(find(run, 'eager', 'recv'), 'TimeoutError', undefined, 'the eager client is not served while the silent one is silent');
    const stuck = find(run, 'server', 'recv');
    expectReturnedAfter(stuck, find(run, 'silent', 'sendall'), "the server's recv on the silent connection waited for it");
    expectReturnedAfter(find(run, 'server', 'accept', 1), find(run, 'silent', 'sendall'), 'the second client was accepted only after that');
  },
  'a blocking recv outside select stalled the whole loop until the silent client spoke',
);

export const closedPeerSpins: ScenarioCheck = checkEvery(
  [
    scenario('select and recv on a connection whose peer closed', {
      objects: { ...listener, closed: { type: 'event' } },
      actors: [
        thread('server', [net.accept('srv', 'conn'), op.wait('closed'), op.repeat(3, [net.select(['conn'], { timeout: 5 }), net.recv('conn', 1024)])]),
        thread('client', [...connectTo('srv'), net.close('c'), op.set('closed')]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    for (const s of all(run, 'select')) expectValue(s, [['conn'], [], []]);
    for (const r of all(run, 'recv')) expectBytes(r, '', "each recv on the closed connection returns b''");
  },
  "a closed peer was reported readable on every select, and every recv returned b''",
);

export const selectThenRead: ScenarioCheck = checkEvery(
  [
    scenario('non-blocking accept and recv after select says ready', {
      objects: { ...listener, done: { type: 'event' } },
      actors: [
        thread('server', [
          net.setblocking('srv', false),
          net.select(['srv']),
          net.accept('srv', 'conn'),
          net.setblocking('conn', false),
          net.select(['conn']),
          net.recv('conn', 1024),
          op.set('done'),
        ]),
        thread('client', [...connectTo('srv'), net.sendall('c', 'data'), op.wait('done'), net.close('c')]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const [forAccept, forRecv] = all(run, 'select');
    expectValue(forAccept, SRV_READABLE);
    expect(find(run, 'server', 'accept').outcome === 'ok', 'the non-blocking accept after select finds the connection');
    expectValue(forRecv, [['conn'], [], []]);
    expectBytes(find(run, 'server', 'recv'), 'data', 'the non-blocking recv after select finds the data');
  },
  'after select reported readiness, non-blocking accept and recv succeeded at once',
);

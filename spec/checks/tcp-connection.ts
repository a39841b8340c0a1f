import type { ScenarioCheck } from '../claim';
import { op, scenario, thread } from '../dsl';
import { all, checkEvery, expect, expectCompleted, expectReturnedAfter, expectValue, expectWaited, find } from '../judging';
import { addressOf, connectTo, net, reg, sockets } from '../socket-dsl';
import { bytesOf, expectBytes, expectOsError } from '../socket-judging';

/**
 * A TCP connection's life: empty sends and reads, closing and half-closing, resets, TIME_WAIT
 * and SO_REUSEADDR, ports, and the connection as a private pipe between two endpoints.
 */

const listener = { srv: sockets.tcpListener() };

export const emptySend: ScenarioCheck = checkEvery(
  [
    scenario("send(b'') and a reader waiting for a reply", {
      objects: listener,
      actors: [
        thread('server', [net.accept('srv', 'conn'), net.settimeout('conn', 3), net.recv('conn', 1024), net.settimeout('conn', null), net.recv('conn', 1024)]),
        thread('client', [...connectTo('srv'), net.send('c', ''), op.sleep(8), net.sendall('c', 'after'), net.close('c')]),
      ],
    }),
  ],
  (run, s) => {
    expectCompleted(run);
    const empty = find(run, 'client', 'send');
    expectValue(empty, 0);
    const [waiting, later] = all(run, 'recv');
    expectOsError(waiting, 'TimeoutError', undefined, "nothing arrives after send(b'')");
    expectWaited(waiting, 3, s);
    expect(empty.returnTime !== undefined && waiting.returnTime !== undefined && empty.returnTime < waiting.returnTime, "the empty send happened while the reader waited");
    expectBytes(later, 'after', 'the next real send is what the reader gets');
  },
  "send(b'') returned 0 and the peer's recv kept waiting until real data came",
);

export const emptyRecvMeansClosed: ScenarioCheck = checkEvery(
  [
    scenario('the client closes after sending', {
      objects: listener,
      actors: [
        thread('server', [net.accept('srv', 'conn'), op.repeat(4, [net.recv('conn', 1024)])]),
        thread('client', [...connectTo('srv'), net.sendall('c', 'x'), op.sleep(3), net.close('c')]),
      ],
    }),
    scenario('the client shuts down its sending side', {
      objects: listener,
      actors: [
        thread('server', [net.accept('srv', 'conn'), op.repeat(4, [net.recv('conn', 1024)]), net.sendall('conn', 'bye')]),
        thread('client', [...connectTo('srv'), net.sendall('c', 'x'), op.sleep(3), net.shutdown('c', 'SHUT_WR'), net.recv('c', 1024), net.close('c')]),
      ],
    }),
  ],
  (run, _s, i) => {
    expectCompleted(run);
    const [data, ...empties] = all(run, 'recv').filter((o) => o.actor === 'server');
    expectBytes(data, 'x', 'the data comes first');
    for (const e of empties) expectBytes(e, '', "after the peer's FIN every recv returns b''");
    expectReturnedAfter(empties[0], find(run, 'client', i === 0 ? 'close' : 'shutdown'), "b'' only once the peer closed its sending side");
    if (i === 1) expectBytes(find(run, 'client', 'recv'), 'bye', 'after shutdown(SHUT_WR) the client still receives');
  },
  "recv returned b'' only after the peer closed (or shut down writing), and again on every later call",
);

export const connectionReset: ScenarioCheck = checkEvery(
  [
    scenario('the client closes normally', {
      objects: listener,
      actors: [
        thread('server', [net.accept('srv', 'conn'), net.recv('conn', 1024), net.recv('conn', 1024)]),
        thread('client', [...connectTo('srv'), net.sendall('c', 'bye'), net.close('c')]),
      ],
    }),
    scenario("the client closes with the server's reply unread", {
      objects: { ...listener, replied: { type: 'event' }, closed: { type: 'event' } },
      actors: [
        thread('server', [net.accept('srv', 'conn'), net.sendall('conn', 'reply'), op.set('replied'), op.wait('closed'), op.sleep(1), net.recv('conn', 1024)]),
        thread('client', [...connectTo('srv'), op.wait('replied'), op.sleep(1), net.close('c'), op.set('closed')]),
      ],
    }),
  ],
  (run, _s, i) => {
    expectCompleted(run);
    const reads = all(run, 'recv').filter((o) => o.actor === 'server');
    if (i === 0) {
      expectBytes(reads[0], 'bye', 'the data');
      expectBytes(reads[1], '', "a client that closes is seen as b'', not as an error");
    } else {
      expectOsError(reads[0], 'ConnectionResetError', [104, 54, 10054], 'closing with unread data resets the connection');
    }
  },
  "a closed client was seen as recv() == b''; ConnectionResetError came only from a reset (close with unread data)",
);

/** The documents' restart: a server closes its connection first, then binds the same port again. */
function restart(reuse: boolean) {
  const set = (name: string) => (reuse ? [net.setsockopt(name, 'SO_REUSEADDR', 1)] : []);
  return [
    net.socket('old'),
    ...set('old'),
    net.bind('old', ['127.0.0.1', 0]),
    net.listen('old', 5),
    net.getsockname('old', 'addr'),
    net.socket('client'),
    net.connect('client', reg('addr')),
    net.accept('old', 'conn'),
    net.close('conn'),
    op.sleep(1),
    net.close('client'),
    net.close('old'),
    op.sleep(1),
    net.socket('new'),
    ...set('new'),
    net.bind('new', reg('addr')),
    net.listen('new', 5),
  ];
}

export const addressInUse: ScenarioCheck = checkEvery(
  [scenario('restart without SO_REUSEADDR while the old connection is in TIME_WAIT', { objects: {}, actors: [thread('server', restart(false))] })],
  (run) => {
    expectCompleted(run);
    const failed = [find(run, 'server', 'bind', 1), find(run, 'server', 'listen', 1)].find((o) => o.outcome === 'fail');
    expect(failed !== undefined, 'binding the port again fails', [find(run, 'server', 'bind', 1).outcome, find(run, 'server', 'listen', 1).outcome]);
    expect(failed!.error === 'OSError' && /Address already in use/.test(failed!.message ?? ''), `with OSError "Address already in use"; got ${failed!.error}: ${failed!.message}`);
  },
  'rebinding the port of a connection in TIME_WAIT failed with "Address already in use"',
);

export const reuseaddrAllowsRebind: ScenarioCheck = checkEvery(
  [
    scenario('restart with SO_REUSEADDR on both sockets', {
      objects: {},
      actors: [thread('server', [...restart(true), net.socket('again'), net.connect('again', reg('addr')), net.accept('new', 'conn2')])],
    }),
  ],
  (run) => {
    expectCompleted(run);
    for (const f of ['bind', 'listen']) expect(find(run, 'server', f, 1).outcome === 'ok', `the second ${f} succeeds despite TIME_WAIT`);
    expect(find(run, 'server', 'accept', 1).outcome === 'ok', 'the restarted server accepts a client');
  },
  'with SO_REUSEADDR the restarted server bound the port at once and served',
);

export const connectionOriented: ScenarioCheck = checkEvery(
  [scenario('send and recv on a socket that never connected', { objects: {}, actors: [thread('t', [net.socket('s'), net.send('s', 'x'), net.sendall('s', 'x'), net.recv('s', 10)])] })],
  (run) => {
    expectCompleted(run);
    expectOsError(find(run, 't', 'send'), 'BrokenPipeError', [32], 'there is no connection to send on');
    expectOsError(find(run, 't', 'sendall'), 'BrokenPipeError', [32], 'there is no connection to send on');
    expectOsError(find(run, 't', 'recv'), 'OSError', [107, 57, 10057], 'there is no connection to receive from (ENOTCONN)');
  },
  'send on an unconnected TCP socket failed (BrokenPipeError), recv too (ENOTCONN)',
);

export const oneToOne: ScenarioCheck = checkEvery(
  [
    scenario('two clients, one accepted socket each', {
      objects: listener,
      actors: [
        thread('server', [
          net.accept('srv', 'a'),
          net.accept('srv', 'b'),
          net.recv('a', 1024, { into: 'da' }),
          net.sendall('a', { reg: 'da', upper: true }),
          net.recv('b', 1024, { into: 'db' }),
          net.sendall('b', { reg: 'db', upper: true }),
        ]),
        thread('alpha', [...connectTo('srv'), net.sendall('c', 'alpha'), net.recv('c', 1024), net.close('c')]),
        thread('bravo', [...connectTo('srv'), net.sendall('c', 'bravo'), net.recv('c', 1024), net.close('c')]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    expectBytes(find(run, 'alpha', 'recv'), 'ALPHA', 'alpha gets the reply to its own request only');
    expectBytes(find(run, 'bravo', 'recv'), 'BRAVO', 'bravo gets the reply to its own request only');
    const accepted = all(run, 'accept').map((o) => JSON.stringify(o.value));
    expect(new Set(accepted).size === 2, `each client has its own accepted socket: ${accepted.join(', ')}`);
  },
  'each client was reached through its own accepted socket and saw only its own data',
);

export const portRange: ScenarioCheck = checkEvery(
  [
    scenario('bind to ports -1, 65536 and 0', {
      objects: {},
      actors: [
        thread('t', [
          net.socket('s'),
          net.bind('s', ['127.0.0.1', 65536]),
          net.bind('s', ['127.0.0.1', -1]),
          net.bind('s', ['127.0.0.1', 0]),
          net.listen('s'),
          net.getsockname('s'),
          net.close('s'),
        ]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const [high, negative, zero] = all(run, 'bind');
    expectOsError(high, 'OverflowError', undefined, 'port 65536 is out of range');
    expectOsError(negative, 'OverflowError', undefined, 'port -1 is out of range');
    expect(zero.outcome === 'ok', 'port 0 is accepted');
    const name = find(run, 't', 'getsockname');
    const port = Array.isArray(name.value) ? name.value[1] : undefined;
    expect(typeof port === 'number' && port >= 1 && port <= 65535, `port 0 means "any free port": the system chose ${JSON.stringify(port)}`);
  },
  'bind rejected 65536 and -1 (OverflowError) and took 0 as "pick a free port"',
);

export const halfClose: ScenarioCheck = checkEvery(
  [
    scenario('the client shuts down writing and still reads the response', {
      objects: listener,
      actors: [
        thread('server', [net.accept('srv', 'conn'), net.recv('conn', 1024), net.recv('conn', 1024), net.sendall('conn', 'response'), net.close('conn')]),
        thread('client', [...connectTo('srv'), net.sendall('c', 'request'), net.shutdown('c', 'SHUT_WR'), net.recv('c', 1024), net.recv('c', 1024), net.close('c')]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const [request, eof] = all(run, 'recv').filter((o) => o.actor === 'server');
    expectBytes(request, 'request', 'the request arrives');
    expectBytes(eof, '', "the FIN reads as b''");
    expectReturnedAfter(eof, find(run, 'client', 'shutdown'), "b'' follows the shutdown");
    expect(find(run, 'server', 'sendall').outcome === 'ok', 'the server can still send');
    const [response, end] = all(run, 'recv').filter((o) => o.actor === 'client');
    expectBytes(response, 'response', 'the client still receives after shutting down its sending side');
    expect((bytesOf(end)?.length ?? -1) === 0, "then b'' when the server closes");
  },
  "after shutdown(SHUT_WR) the server read b'' yet could still send, and the client still received",
);

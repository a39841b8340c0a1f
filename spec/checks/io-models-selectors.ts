import type { Op } from '../../harness/scenario/model';
import type { ScenarioCheck } from '../claim';
import { op, scenario, thread } from '../dsl';
import { all, checkEvery, expect, expectCompleted, expectReturnedAfter, expectValue, expectWaited, find } from '../judging';
import { connectTo, net, sockets, when } from '../socket-dsl';
import { expectBytes, expectOsError } from '../socket-judging';

/**
 * The selectors module: callbacks stored as key.data and dispatched after sel.select(), the
 * documents' selectors server, and select-based servers serving several clients from one thread.
 * `selector_select` with handlers is the documents' `for key, mask in events: key.data(key.fileobj, mask)`.
 */

const listener = { srv: sockets.tcpListener() };
const SRV_KEY = { fileobj: 'srv', events: 1, data: 'accept' };

/** The documents' callbacks: `accept` registers the new connection for `read`; `read` echoes upper-cased, or unregisters and closes on b''. */
const echoHandlers = (sel: string): Record<string, Op[]> => ({
  accept: [net.accept('key', 'conn'), net.setblocking('conn', false), net.register(sel, 'conn', ['read'], 'read')],
  read: [
    net.recv('key', 1024, { into: 'data' }),
    when({ reg: 'data' }, '', [net.unregister(sel, 'key'), net.close('key')], [net.sendall('key', { reg: 'data', upper: true })]),
  ],
});

/** A one-thread server: a selector of `kind` over the listener and every connection, forever (a daemon). */
const selectorServer = (kind: 'default' | 'select') =>
  thread('server', [net.selector('sel', kind), net.register('sel', 'srv', ['read'], 'accept'), op.repeat(100, [net.selectorSelect('sel', { into: 'key', handlers: echoHandlers('sel') })])], { daemon: true });

export const selectManyConnections: ScenarioCheck = checkEvery(
  [
    scenario('a select-based server and two clients whose requests interleave', {
      objects: { ...listener, alphaServed: { type: 'event' }, bravoServed: { type: 'event' } },
      actors: [
        selectorServer('select'),
        thread('alpha', [...connectTo('srv'), net.sendall('c', 'a1'), net.recv('c', 1024), op.set('alphaServed'), op.wait('bravoServed'), net.sendall('c', 'a2'), net.recv('c', 1024), net.close('c')]),
        thread('bravo', [op.wait('alphaServed'), ...connectTo('srv'), net.sendall('c', 'b1'), net.recv('c', 1024), op.set('bravoServed'), net.close('c')]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const [a1, a2] = all(run, 'recv').filter((o) => o.actor === 'alpha');
    const b1 = find(run, 'bravo', 'recv');
    expectBytes(a1, 'A1', "alpha's first request is served");
    expectBytes(b1, 'B1', "bravo is served while alpha's connection stays open");
    expectBytes(a2, 'A2', "alpha's second request is served after bravo's");
    expectReturnedAfter(a2, b1, 'the requests interleave');
    expect(all(run, 'selector_select').every((o) => o.actor === 'server'), 'one thread did all the selecting');
  },
  "one select-based thread served bravo between alpha's two requests on a still-open connection",
);

export const registerCallback: ScenarioCheck = checkEvery(
  [
    scenario('register the listener with its callback, select, dispatch', {
      objects: listener,
      actors: [
        thread('server', [
          net.selector('sel'),
          net.register('sel', 'srv', ['read'], 'accept'),
          net.selectorSelect('sel', { into: 'key', handlers: { accept: [net.accept('key', 'conn'), net.recv('conn', 1024)] } }),
        ]),
        thread('client', [...connectTo('srv'), net.sendall('c', 'x'), net.close('c')]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    expectValue(find(run, 'server', 'register'), SRV_KEY);
    const selected = find(run, 'server', 'selector_select');
    expectValue(selected, [[SRV_KEY, 1]]);
    const accepted = find(run, 'server', 'accept');
    expect(accepted.outcome === 'ok' && accepted.path.length === selected.path.length + 2, 'the accept ran as the callback of the ready key');
    expect(accepted.invokeTime >= (selected.returnTime ?? Infinity), 'after select returned the key');
    expectBytes(find(run, 'server', 'recv'), 'x', 'on the connection it accepted');
  },
  'select returned (key, mask) with the callback as key.data, and dispatching to it accepted the client',
);

export const unregister: ScenarioCheck = checkEvery(
  [
    scenario('a client that closes; the read callback unregisters it', {
      objects: listener,
      actors: [
        thread('server', [
          net.selector('sel'),
          net.register('sel', 'srv', ['read'], 'accept'),
          op.repeat(2, [net.selectorSelect('sel', { into: 'key', handlers: echoHandlers('sel') })]),
          net.selectorSelect('sel', { timeout: 3 }),
          net.unregister('sel', 'conn'),
        ]),
        thread('client', [...connectTo('srv'), net.close('c')]),
      ],
    }),
  ],
  (run, s) => {
    expectCompleted(run);
    const read = find(run, 'server', 'recv');
    expectBytes(read, '', "the closed client reads as b''");
    const unregistered = find(run, 'server', 'unregister');
    expectValue(unregistered, { fileobj: 'conn', events: 1, data: 'read' });
    const after = all(run, 'selector_select')[2];
    expectValue(after, []);
    expectWaited(after, 3, s);
    // The handler closed it too: CPython finds a closed socket (fd -1) only among registered keys,
    // so unregistering it again is ValueError('Invalid file descriptor: -1'), not KeyError.
    const again = find(run, 'server', 'unregister', 1);
    expectOsError(again, 'ValueError', undefined, 'it is no longer registered');
    expect(again.message === 'Invalid file descriptor: -1', `the closed socket is found nowhere: ${again.message}`);
  },
  "after unregister the closed connection was no longer watched: select timed out with nothing, and a second unregister raised ValueError (closed and no longer registered)",
);

export const notAsync: ScenarioCheck = checkEvery(
  [
    scenario('sel.select blocks; the program then accepts and reads itself', {
      objects: { ...listener, idle: { type: 'event' } },
      actors: [
        thread('server', [
          net.selector('sel'),
          net.register('sel', 'srv', ['read'], 'accept'),
          net.selectorSelect('sel', { timeout: 3 }),
          op.set('idle'),
          net.selectorSelect('sel'),
          net.accept('srv', 'conn'),
          net.recv('conn', 1024),
        ]),
        thread('client', [op.wait('idle'), ...connectTo('srv'), net.sendall('c', 'hi'), net.close('c')]),
      ],
    }),
  ],
  (run, s) => {
    expectCompleted(run);
    const [idle, ready] = all(run, 'selector_select');
    expectValue(idle, []);
    expectWaited(idle, 3, s);
    expectValue(ready, [[SRV_KEY, 1]]);
    expectReturnedAfter(ready, find(run, 'client', 'connect'), 'select blocked until the client came');
    expectBytes(find(run, 'server', 'recv'), 'hi', 'the data came from the program\'s own recv, after select');
  },
  "sel.select blocked (3 units with nothing ready; then until a client came) and the program did the accept and recv itself",
);

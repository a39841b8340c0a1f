import type { Operation } from '../../harness/scenario/history';
import type { ScenarioResult } from '../../harness/scenario/result';
import type { ScenarioCheck } from '../claim';
import { op, scenario, thread } from '../dsl';
import { all, checkEvery, expect, expectBefore, expectCompleted, expectValue, find, judge, ok, operations } from '../judging';
import { connectTo, net, sockets } from '../socket-dsl';
import { errnoOf, expectBytes, expectOsError } from '../socket-judging';

/**
 * Blocking and non-blocking sockets: defaults, EAGAIN, and what polling costs in latency.
 * EAGAIN's number is the platform's: 11 on Linux, 35 on macOS and the BSDs, 10035 on Windows.
 */

export const EAGAIN_ERRNOS = [11, 35, 10035] as const;

const listener = { srv: sockets.tcpListener() };

export const blockByDefault: ScenarioCheck = checkEvery(
  [
    scenario('a new socket and an accepted one', {
      objects: listener,
      actors: [
        thread('server', [net.accept('srv', 'conn'), net.getblocking('conn'), net.gettimeout('conn')]),
        thread('client', [net.socket('c'), net.getblocking('c'), net.gettimeout('c'), ...connectTo('srv', 'd')]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    for (const actor of ['client', 'server']) {
      expectValue(find(run, actor, 'getblocking'), true);
      expectValue(find(run, actor, 'gettimeout'), null);
    }
  },
  'new and accepted sockets were blocking with no timeout',
);

export const nonblockingReturnsError: ScenarioCheck = checkEvery(
  [
    scenario('a non-blocking recv before and after the data arrives', {
      objects: { ...listener, asked: { type: 'event' }, sent: { type: 'event' } },
      actors: [
        thread('server', [net.accept('srv', 'conn'), net.setblocking('conn', false), net.recv('conn', 1024), op.set('asked'), op.wait('sent'), net.recv('conn', 1024)]),
        thread('client', [...connectTo('srv'), op.wait('asked'), net.sendall('c', 'data'), op.set('sent'), net.close('c')]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const [early, late] = all(run, 'recv');
    expectOsError(early, 'BlockingIOError', EAGAIN_ERRNOS, 'no data yet: the call fails at once');
    expectBefore(early, find(run, 'client', 'sendall'), 'it did not wait for the data');
    expectBytes(late, 'data', 'asking again after the data arrived returns it');
  },
  'with no data, the non-blocking recv raised BlockingIOError at once; asked again, it returned the data',
);

export const nonblockingAcceptErrno: ScenarioCheck = checkEvery(
  [scenario('accept on a non-blocking listener with no client', { objects: listener, actors: [thread('server', [net.setblocking('srv', false), net.accept('srv', 'conn')])] })],
  (run) => {
    expectCompleted(run);
    const accept = find(run, 'server', 'accept');
    expectOsError(accept, 'BlockingIOError', EAGAIN_ERRNOS, 'EAGAIN, whose number depends on the platform');
  },
  'accept raised BlockingIOError (EAGAIN) at once',
);

/** Whether the data arrived during one of the server's sleeps and was handled only at the next poll; undefined when the run cannot tell. */
function handledLate(run: ScenarioResult): boolean | undefined {
  const ops = operations(run);
  const arrived = find(ops, 'client', 'sendall').returnTime;
  const sleep = ops.find((o: Operation) => o.actor === 'server' && o.f === 'sleep' && arrived !== undefined && o.invokeTime <= arrived && (o.returnTime ?? Infinity) >= arrived);
  if (sleep === undefined || arrived === undefined) return undefined;
  const handled = ops.find((o) => o.actor === 'server' && o.f === 'recv' && o.outcome === 'ok');
  return handled !== undefined && handled.invokeTime >= (sleep.returnTime ?? Infinity);
}

export const nonblockingLateProcessing: ScenarioCheck = {
  type: 'scenario',
  repeat: 3,
  scenarios: [
    scenario('poll, sleep 4 units, poll again; the data comes during a sleep', {
      objects: listener,
      actors: [
        thread('server', [net.accept('srv', 'conn'), net.setblocking('conn', false), op.repeat(4, [net.recv('conn', 1024), op.sleep(4)])]),
        thread('client', [...connectTo('srv'), op.sleep(6), net.sendall('c', 'x'), net.close('c')]),
      ],
    }),
  ],
  judge: (runs) =>
    judge(() => {
      const verdicts = runs[0].map((run) => {
        expectCompleted(run);
        const recvs = all(run, 'recv');
        expect(recvs.some((o) => o.outcome === 'fail' && errnoOf(o) !== undefined), 'some polls found nothing (BlockingIOError)');
        return handledLate(run);
      });
      const conclusive = verdicts.filter((v) => v !== undefined);
      expect(conclusive.length > 0, 'in no run did the data arrive during a sleep');
      expect(conclusive.every((v) => v === true), 'data that arrived during a sleep was handled before the next poll');
      return ok(`in ${conclusive.length} of ${verdicts.length} runs the data arrived during a sleep and waited for the next poll`);
    }),
};

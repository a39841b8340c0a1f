import * as fs from 'node:fs';
import { ReferenceImplementation } from '../../harness/adapters/reference/reference';
import { UnsupportedScenarioError } from '../../harness/adapters/reference/thread-executor';
import type { HistoryEvent } from '../../harness/scenario/history';
import type { Actor, ObjectDecl, Op, Scenario } from '../../harness/scenario/model';

/**
 * The thread executor running socket actors on the reference implementation: real worker
 * threads, real loopback sockets. Judged from the recorded order; the fd count of the process
 * (workers included) must come back to where it was.
 */

const UNIT = 10;

function scenario(name: string, objects: Record<string, ObjectDecl>, actors: Actor[], deadlineMs = 5_000): Scenario {
  return { version: 1, name, timeUnitMs: UNIT, deadlineMs, objects, actors };
}

const thread = (name: string, ops: Op[], extra: Partial<Actor> = {}): Actor => ({ name, kind: 'thread', ops, ...extra });
const completions = (history: HistoryEvent[], actor: string, f?: string) => history.filter((e) => e.actor === actor && e.type !== 'invoke' && (f === undefined || e.f === f));
const openFds = () => fs.readdirSync('/proc/self/fd').length;

let impl: ReferenceImplementation;

beforeAll(() => {
  impl = new ReferenceImplementation();
});

afterAll(async () => {
  await impl.close();
  expect(impl.workerStats().live).toBe(0);
});

const echoServer = (): Op[] => [
  { op: 'accept', target: 'srv', into: 'conn' },
  { op: 'recv', target: 'conn', n: 1024, into: 'data' },
  { op: 'sendall', target: 'conn', data: { reg: 'data', upper: true } },
];
const echoClient = (text: string): Op[] => [
  { op: 'socket', into: 'c' },
  { op: 'connect', target: 'c', address: { of: 'srv' } },
  { op: 'sendall', target: 'c', data: text },
  { op: 'recv', target: 'c', n: 1024 },
];

describe('socket actors on the thread executor', () => {
  it('connects actors through a declared listener and records sockets by label', async () => {
    const r = await impl.runScenario(scenario('echo', { srv: { type: 'tcp-listener' } }, [thread('server', echoServer()), thread('client', echoClient('hello'))]));
    expect(r.status).toBe('completed');
    expect(completions(r.history, 'client', 'recv')).toMatchObject([{ type: 'ok', target: 'c', value: 'HELLO' }]);
    expect(completions(r.history, 'server', 'accept')).toMatchObject([{ type: 'ok', target: 'srv', value: ['conn', ['127.0.0.1', expect.any(Number)]] }]);
    expect(completions(r.history, 'client', 'socket')).toMatchObject([{ type: 'ok', target: 'c', value: 'c' }]);
  });

  it('labels later sockets stored in the same register conn#2, …, and select reports labels', async () => {
    const r = await impl.runScenario(
      scenario('two accepts', { srv: { type: 'tcp-listener' } }, [
        thread('server', [
          { op: 'accept', target: 'srv', into: 'conn' },
          { op: 'accept', target: 'srv', into: 'conn' },
          { op: 'select', rlist: ['conn'], timeout: 100 },
          { op: 'recv', target: 'conn', n: 10 },
        ]),
        thread('a', [{ op: 'socket', into: 'c' }, { op: 'connect', target: 'c', address: { of: 'srv' } }, { op: 'sleep', units: 10 }]),
        thread('b', [{ op: 'sleep', units: 2 }, { op: 'socket', into: 'c' }, { op: 'connect', target: 'c', address: { of: 'srv' } }, { op: 'sendall', target: 'c', data: 'b' }]),
      ]),
    );
    expect(r.status).toBe('completed');
    expect(completions(r.history, 'server', 'accept').map((e) => (e.value as unknown[])[0])).toEqual(['conn', 'conn#2']);
    expect(completions(r.history, 'server', 'select')).toMatchObject([{ value: [['conn#2'], [], []] }]);
    expect(completions(r.history, 'server', 'recv')).toMatchObject([{ target: 'conn#2', value: 'b' }]);
  });

  it('runs when branches and dispatches selector handlers, with paths into them', async () => {
    const handlers = {
      accept: [{ op: 'accept', target: 'key', into: 'conn' }, { op: 'register', target: 'sel', fileobj: 'conn', events: ['read'], data: 'read' }],
      read: [
        { op: 'recv', target: 'key', n: 1024, into: 'data' },
        { op: 'when', value: { reg: 'data' }, equals: '', then: [{ op: 'unregister', target: 'sel', fileobj: 'key' }, { op: 'close', target: 'key' }], else: [{ op: 'sendall', target: 'key', data: { reg: 'data', upper: true } }] },
      ],
    } as Record<string, Op[]>;
    const r = await impl.runScenario(
      scenario('selector server', { srv: { type: 'tcp-listener' } }, [
        thread('server', [
          { op: 'selector', into: 'sel' },
          { op: 'register', target: 'sel', fileobj: 'srv', events: ['read'], data: 'accept' },
          { op: 'repeat', times: 3, body: [{ op: 'selector_select', target: 'sel', into: 'key', handlers }] },
        ]),
        thread('client', [...echoClient('hi'), { op: 'close', target: 'c' }]),
      ]),
    );
    expect(r.status).toBe('completed');
    expect(completions(r.history, 'client', 'recv')).toMatchObject([{ value: 'HI' }]);
    const server = completions(r.history, 'server');
    expect(server.filter((e) => e.f === 'selector_select').map((e) => e.path)).toEqual([[2, 0, 0], [2, 1, 0], [2, 2, 0]]);
    // Third select: the closed connection; its handler recv()s b'' and takes the `then` branch (0).
    expect(server.find((e) => e.f === 'unregister')).toMatchObject({ type: 'ok', path: [2, 2, 0, 0, 1, 0, 0], value: { fileobj: 'conn', events: 1, data: 'read' } });
    expect(server.find((e) => e.f === 'sendall')).toMatchObject({ type: 'ok', path: [2, 1, 0, 0, 1, 1, 0] });
  });

  it('runs UDP and AF_UNIX declared sockets', async () => {
    const r = await impl.runScenario(
      scenario('udp and unix', { u: { type: 'udp-socket' }, ul: { type: 'unix-listener' } }, [
        thread('server', [
          { op: 'recvfrom', target: 'u', n: 3, addressInto: 'peer' },
          { op: 'sendto', target: 'u', data: 'ok', address: { reg: 'peer' } },
          { op: 'accept', target: 'ul', into: 'conn' },
          { op: 'recv', target: 'conn', n: 10 },
        ]),
        thread('client', [
          { op: 'socket', into: 'd', type: 'dgram' },
          { op: 'sendto', target: 'd', data: 'truncated', address: { of: 'u' } },
          { op: 'recvfrom', target: 'd', n: 10 },
          { op: 'socket', into: 'x', family: 'unix' },
          { op: 'connect', target: 'x', address: { of: 'ul' } },
          { op: 'sendall', target: 'x', data: { base64: Buffer.from([0xff, 0x00]).toString('base64') } },
        ]),
      ]),
    );
    expect(r.status).toBe('completed');
    expect(completions(r.history, 'server', 'recvfrom')).toMatchObject([{ value: ['tru', ['127.0.0.1', expect.any(Number)]] }]);
    expect(completions(r.history, 'client', 'recvfrom')).toMatchObject([{ value: ['ok', ['127.0.0.1', expect.any(Number)]] }]);
    expect(completions(r.history, 'server', 'recv')).toMatchObject([{ value: { base64: '/wA=' } }]);
  });

  it('records failing socket calls as fail with CPython names, and goes on', async () => {
    const r = await impl.runScenario(
      scenario('errors', {}, [
        thread('t', [
          { op: 'socket', into: 's' },
          { op: 'recv', target: 's', n: 1 },
          { op: 'bind', target: 's', address: ['127.0.0.1', 65536] },
          { op: 'connect', target: 's', address: ['127.0.0.1', 1] },
          { op: 'setblocking', target: 's', flag: false },
          { op: 'getblocking', target: 's' },
        ]),
      ]),
    );
    expect(r.status).toBe('completed');
    expect(completions(r.history, 't').map((e) => [e.f, e.type, e.error ?? e.value])).toEqual([
      ['socket', 'ok', 's'],
      ['recv', 'fail', 'OSError'],
      ['bind', 'fail', 'OverflowError'],
      ['connect', 'fail', 'ConnectionRefusedError'],
      ['setblocking', 'ok', null],
      ['getblocking', 'ok', false],
    ]);
  });

  it('refuses what Node cannot do: a shared declared socket, a listener without SO_REUSEADDR', async () => {
    const shared = scenario('shared', { srv: { type: 'tcp-listener' } }, [thread('a', [{ op: 'setblocking', target: 'srv', flag: false }]), thread('b', [{ op: 'close', target: 'srv' }])]);
    await expect(impl.runScenario(shared)).rejects.toThrow(UnsupportedScenarioError);
    await expect(impl.runScenario(shared)).rejects.toThrow(/operated on by actors "a" and "b"/);
    const noReuse = scenario('no reuse', { srv: { type: 'tcp-listener', reuseaddr: false } }, [thread('a', [{ op: 'close', target: 'srv' }])]);
    await expect(impl.runScenario(noReuse)).rejects.toThrow(/reuseaddr-control/);
  });

  it('ends a run with blocked socket calls at the deadline, stops a daemon server, and leaves no fd open', async () => {
    // Warm-up: the workers and Node's own fds exist before counting.
    await impl.runScenario(scenario('warm-up', { srv: { type: 'tcp-listener' } }, [thread('server', echoServer()), thread('client', echoClient('x'))]));
    const before = openFds();
    const blocked = await impl.runScenario(
      scenario('blocked', { srv: { type: 'tcp-listener' } }, [thread('server', [{ op: 'accept', target: 'srv', into: 'conn' }, { op: 'recv', target: 'conn', n: 10 }]), thread('client', [{ op: 'socket', into: 'c' }, { op: 'connect', target: 'c', address: { of: 'srv' } }, { op: 'recv', target: 'c', n: 10 }])], 200),
    );
    expect(blocked.status).toBe('deadline');
    expect(blocked.history.filter((e) => e.type === 'info').map((e) => [e.actor, e.f])).toEqual(expect.arrayContaining([['server', 'recv'], ['client', 'recv']]));
    const daemon = await impl.runScenario(
      scenario('daemon server', { srv: { type: 'tcp-listener' } }, [
        thread('server', [{ op: 'repeat', times: 1000, body: echoServer() }], { daemon: true }),
        thread('client', echoClient('bye')),
      ]),
    );
    expect(daemon.status).toBe('completed');
    expect(daemon.unfinished).toEqual(['server']);
    for (let i = 0; i < 5; i++) expect((await impl.runScenario(scenario('echo', { srv: { type: 'tcp-listener' } }, [thread('server', echoServer()), thread('client', echoClient('x'))]))).status).toBe('completed');
    const bad = await impl.runScenario(
      scenario('bad input', { srv: { type: 'tcp-listener' } }, [
        thread('server', [{ op: 'accept', target: 'srv', into: 'conn' }, { op: 'recv', target: 'conn', n: 10, into: 'n', as: 'length' }, { op: 'sendall', target: 'conn', data: { reg: 'n' } }]),
        thread('client', [...echoClient('x'), { op: 'connect', target: 'c', address: ['127.0.0.1', 0] }, { op: 'bind', target: 'c', address: ['127.0.0.1', 99999] }]),
      ], 500),
    );
    expect(bad.history.filter((e) => e.type === 'fail').map((e) => [e.f, e.error])).toEqual([
      ['sendall', 'TypeError'],
      ['connect', 'OSError'],
      ['bind', 'OverflowError'],
    ]);
    let after = openFds();
    for (let waited = 0; after > before && waited < 3000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      after = openFds();
    }
    expect(after).toBeLessThanOrEqual(before);
  });
});

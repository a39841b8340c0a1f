import Ajv2020 from 'ajv/dist/2020';
import { scenarioJsonSchema } from '../../harness/scenario/scenario-schema';
import { validateScenario } from '../../harness/scenario/validate';
import { formatIssue } from '../../harness/scenario/validation-issues';
import type { Scenario } from '../../harness/scenario/model';
import { claims } from '../../spec';
import { checkScenarios } from '../../spec/claim';

/** A valid scenario with every socket op; each case breaks one thing in a copy of it. */
function base(): Scenario {
  return {
    version: 1,
    name: 'sockets',
    timeUnitMs: 10,
    deadlineMs: 1000,
    objects: { srv: { type: 'tcp-listener', family: 'inet', backlog: 5, reuseaddr: true }, u: { type: 'udp-socket' }, ul: { type: 'unix-listener' }, l: { type: 'lock' } },
    actors: [
      {
        name: 'server',
        kind: 'thread',
        ops: [
          { op: 'selector', into: 'sel', kind: 'select' },
          { op: 'register', target: 'sel', fileobj: 'srv', events: ['read'], data: 'accept' },
          {
            op: 'selector_select',
            target: 'sel',
            timeout: 5,
            into: 'key',
            handlers: {
              accept: [{ op: 'accept', target: 'key', into: 'conn', addressInto: 'peer' }, { op: 'register', target: 'sel', fileobj: 'conn', events: ['read', 'write'], data: 'read' }],
              read: [
                { op: 'recv', target: 'key', n: 1024, into: 'data', as: 'bytes' },
                { op: 'when', value: { reg: 'data' }, equals: '', then: [{ op: 'unregister', target: 'sel', fileobj: 'key' }, { op: 'close', target: 'key' }], else: [{ op: 'sendall', target: 'key', data: { reg: 'data', upper: true } }] },
              ],
            },
          },
          { op: 'modify', target: 'sel', fileobj: 'srv', events: ['read'] },
          { op: 'recvfrom', target: 'u', n: 10, into: 'd', addressInto: 'from' },
          { op: 'sendto', target: 'u', data: { base64: 'aGk=' }, address: { reg: 'from' } },
          { op: 'select', rlist: ['srv', 'u'], wlist: [], xlist: [], timeout: null },
        ],
      },
      {
        name: 'client',
        kind: 'thread',
        ops: [
          { op: 'socket', into: 'c', family: 'inet', type: 'stream' },
          { op: 'setsockopt', target: 'c', option: 'TCP_NODELAY', value: 1 },
          { op: 'getsockopt', target: 'c', option: 'SO_REUSEADDR' },
          { op: 'settimeout', target: 'c', timeout: null },
          { op: 'gettimeout', target: 'c' },
          { op: 'setblocking', target: 'c', flag: true },
          { op: 'getblocking', target: 'c' },
          { op: 'connect', target: 'c', address: { of: 'srv' } },
          { op: 'send', target: 'c', data: { fill: 'ab', size: 3000 } },
          { op: 'shutdown', target: 'c', how: 'SHUT_WR' },
          { op: 'recv', target: 'c', n: 0, as: 'length' },
          { op: 'getsockname', target: 'c', into: 'me' },
          { op: 'getpeername', target: 'c' },
          { op: 'socket_info', target: 'c' },
          { op: 'socket', into: 'x', family: 'unix' },
          { op: 'connect', target: 'x', address: { of: 'ul' } },
          { op: 'socket', into: 'b', type: 'dgram' },
          { op: 'bind', target: 'b', address: ['127.0.0.1', 0] },
          { op: 'sendto', target: 'b', data: 'hello', address: ['::1', 9] },
          { op: 'listen', target: 'b', backlog: 1 },
          { op: 'close', target: 'c' },
        ],
      },
    ],
  };
}

function issues(mutate: (s: Scenario & { actors: { ops: Record<string, unknown>[] }[] }) => void): string[] {
  const s = base() as Scenario & { actors: { ops: Record<string, unknown>[] }[] };
  mutate(s);
  const result = validateScenario(s);
  return result.ok ? [] : result.issues.map(formatIssue);
}

describe('socket scenarios: validation', () => {
  it('accepts every socket op, declared sockets, selectors with handlers and when', () => {
    expect(issues(() => undefined)).toEqual([]);
  });

  it('matches the JSON Schema, and so do the socket scenarios of the catalog', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(scenarioJsonSchema() as object);
    expect(validate(base())).toBe(true);
    const socketScenarios = claims
      .filter((c) => c.check !== undefined && c.capabilities.some((cap) => cap === 'tcp' || cap === 'udp'))
      .flatMap((c) => checkScenarios(c.check!, 1));
    expect(socketScenarios.length).toBeGreaterThan(30);
    for (const s of socketScenarios) {
      expect(validateScenario(s)).toMatchObject({ ok: true });
      expect([s.name, validate(s), validate.errors]).toEqual([s.name, true, null]);
    }
  });

  it.each<[string, (s: Scenario & { actors: { ops: Record<string, unknown>[] }[] }) => void, RegExp]>([
    ['a socket nobody made', (s) => (s.actors[1].ops[1].target = 'nope'), /actors\[1\]\.ops\[1\]\.target: no socket named "nope"/],
    ['a lock used as a socket', (s) => (s.actors[1].ops[1].target = 'l'), /"l" is a lock; this operation needs a socket/],
    ['a socket register named like a declared object', (s) => (s.actors[1].ops[0].into = 'srv'), /"srv" is a declared object/],
    ['one register for a socket and a selector', (s) => (s.actors[0].ops[0].into = 'conn'), /also holds a socket/],
    ['a host off the loopback', (s) => (s.actors[1].ops[17].address = ['10.0.0.1', 80]), /"10\.0\.0\.1" is not a loopback host/],
    ['an address of a lock', (s) => (s.actors[1].ops[7].address = { of: 'l' }), /no declared socket named "l"/],
    ['bytes from a register nobody writes', (s) => (s.actors[1].ops[8].data = { reg: 'ghost' }), /no register "ghost"/],
    ['bad base64', (s) => (s.actors[1].ops[8].data = { base64: 'not base64!' }), /base64 must be standard/],
    ['a fill too large', (s) => (s.actors[1].ops[8].data = { fill: 'x', size: 1e9 }), /size must be an integer from 0 to/],
    ['a negative recv size', (s) => (s.actors[1].ops[10].n = -1), /n: must be an integer from 0 to/],
    ['an unknown shutdown', (s) => (s.actors[1].ops[9].how = 'SHUT_ALL'), /how: must be "SHUT_RD", "SHUT_WR" or "SHUT_RDWR"/],
    ['an unknown option', (s) => (s.actors[1].ops[1].option = 'SO_LINGER'), /option: must be/],
    ['a selector nobody made', (s) => (s.actors[0].ops[1].target = 'other'), /no selector "other"/],
    ['no events', (s) => (s.actors[0].ops[1].events = []), /events: must be a non-empty list/],
    ['an unknown event', (s) => (s.actors[0].ops[1].events = ['read', 'error']), /events: must list each of read or write/],
    ['a handler that is not a list', (s) => ((s.actors[0].ops[2].handlers as Record<string, unknown>).read = 'echo'), /each handler must be an array/],
    ['an invalid op inside a handler', (s) => ((s.actors[0].ops[2].handlers as Record<string, Record<string, unknown>[]>).read[0].n = 'all'), /handlers\.read\[0\]\.n/],
    ['a when without then', (s) => delete ((s.actors[0].ops[2].handlers as Record<string, Record<string, unknown>[]>).read[1] as Record<string, unknown>).then, /then: required by when/],
    ['a unix family on a TCP listener', (s) => ((s.objects.srv as Record<string, unknown>).family = 'unix'), /objects\.srv\.family: must be "inet" or "inet6"/],
    ['a negative backlog', (s) => ((s.objects.ul as Record<string, unknown>).backlog = -1), /objects\.ul\.backlog: must be an integer >= 0/],
    ['an unknown field on a declared socket', (s) => ((s.objects.u as Record<string, unknown>).backlog = 5), /objects\.u\.backlog: unknown field/],
  ])('rejects %s', (_what, mutate, message) => {
    expect(issues(mutate).join('\n')).toMatch(message);
  });
});

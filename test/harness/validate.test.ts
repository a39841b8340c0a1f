import { assertValidScenario, validateScenario } from '../../harness/scenario/validate';
import { formatIssue, InvalidScenarioError } from '../../harness/scenario/validation-issues';
import type { Scenario } from '../../harness/scenario/model';

/** A valid scenario touching every object type; each case breaks one thing in a copy of it. */
function base(): Scenario {
  return {
    version: 1,
    name: 'everything',
    timeUnitMs: 10,
    deadlineMs: 1000,
    objects: {
      l: { type: 'lock' },
      r: { type: 'rlock' },
      s: { type: 'bounded-semaphore', value: 2 },
      e: { type: 'event' },
      c: { type: 'condition', lock: 'r' },
      b: { type: 'barrier', parties: 2 },
      q: { type: 'queue', order: 'priority', maxsize: 3 },
      x: { type: 'cell', initial: 5 },
    },
    actors: [
      {
        name: 'a',
        kind: 'thread',
        ops: [
          { op: 'acquire', target: 'l', blocking: true, timeout: 2 },
          { op: 'release', target: 'l' },
          { op: 'release', target: 's', n: 2 },
          { op: 'wait', target: 'e', timeout: null },
          { op: 'notify', target: 'c', n: 0 },
          { op: 'put', target: 'q', item: { nested: [1, 'two', null] } },
          { op: 'repeat', times: 3, body: [{ op: 'write', target: 'x', value: { reg: 'v', add: 1 } }, { op: 'read', target: 'x', into: 'v' }] },
          { op: 'mark', label: 'done', value: 'literal' },
          { op: 'start', actor: 'b' },
          { op: 'join', actor: 'b', timeout: 5 },
        ],
      },
      { name: 'b', kind: 'thread', start: 'manual', daemon: true, ops: [{ op: 'sleep', units: 0.5 }, { op: 'is_alive', actor: 'a' }] },
    ],
  };
}

function issuesOf(value: unknown): string[] {
  const result = validateScenario(value);
  return result.ok ? [] : result.issues.map(formatIssue);
}

/** Applies a mutation to a deep copy of the base scenario and returns its issues. */
function issuesAfter(mutate: (s: any) => void): string[] {
  const s = structuredClone(base());
  mutate(s);
  return issuesOf(s);
}

describe('validateScenario', () => {
  it('accepts a scenario that uses every object type and op form', () => {
    const result = validateScenario(base());
    expect(result).toEqual({ ok: true, scenario: base() });
  });

  it('rejects other versions with a message naming the supported one, and nothing else', () => {
    expect(issuesAfter((s) => (s.version = 2))).toEqual(['version: unsupported version 2; this harness reads scenario model version 1']);
    expect(issuesAfter((s) => delete s.version)).toEqual(['version: missing; this harness reads scenario model version 1']);
  });

  it('rejects non-objects at the root', () => {
    expect(issuesOf([])).toEqual(['a scenario must be a JSON object']);
    expect(issuesOf(null)).toEqual(['a scenario must be a JSON object']);
  });

  it('names a missing target object with its exact path', () => {
    expect(issuesAfter((s) => (s.actors[0].ops[5].target = 'q2'))).toEqual(['actors[0].ops[5].target: no object named "q2"']);
  });

  it('reports a target of the wrong type with what the op needs', () => {
    expect(issuesAfter((s) => (s.actors[0].ops[3].target = 'l'))).toEqual([
      'actors[0].ops[3].target: "l" is a lock; this operation needs an event, condition or barrier',
    ]);
    expect(issuesAfter((s) => s.actors[0].ops.push({ op: 'put', target: 'x', item: 1 }))).toEqual([
      'actors[0].ops[10].target: "x" is a cell; this operation needs a queue',
    ]);
  });

  it('follows paths into repeat bodies', () => {
    expect(issuesAfter((s) => (s.actors[0].ops[6].body[0].target = 'nope'))).toEqual(['actors[0].ops[6].body[0].target: no object named "nope"']);
  });

  it('rejects duplicate actor names and start/join/is_alive of unknown actors', () => {
    expect(issuesAfter((s) => (s.actors[1].name = 'a'))).toEqual(
      expect.arrayContaining(['actors[1].name: duplicate actor name "a"', 'actors[0].ops[8].actor: no actor named "b"']),
    );
    expect(issuesAfter((s) => (s.actors[1].ops[1].actor = 'ghost'))).toEqual(['actors[1].ops[1].actor: no actor named "ghost"']);
  });

  it('lets start/join refer to an actor declared later', () => {
    expect(issuesOf(base())).toEqual([]); // actor a starts and joins b, declared after it
  });

  it('rejects insane numbers', () => {
    expect(issuesAfter((s) => (s.timeUnitMs = 0))).toEqual(['timeUnitMs: must be a number of milliseconds > 0']);
    expect(issuesAfter((s) => (s.deadlineMs = Number.POSITIVE_INFINITY))).toEqual(['deadlineMs: must be a number of milliseconds > 0']);
    expect(issuesAfter((s) => (s.actors[1].ops[0].units = -1))).toEqual(['actors[1].ops[0].units: must be a number of time units >= 0']);
    expect(issuesAfter((s) => (s.actors[0].ops[6].times = 1.5))).toEqual(['actors[0].ops[6].times: must be an integer >= 0']);
    expect(issuesAfter((s) => (s.actors[0].ops[6].times = 1e9))).toEqual(['actors[0].ops[6].times: must be at most 1000000']);
    expect(issuesAfter((s) => (s.objects.b.parties = 0))).toEqual(['objects.b.parties: must be an integer >= 1']);
    expect(issuesAfter((s) => (s.objects.s.value = -1))).toEqual(['objects.s.value: must be an integer >= 0']);
    expect(issuesAfter((s) => (s.actors[0].ops[2].n = 0))).toEqual(['actors[0].ops[2].n: must be an integer >= 1']);
    expect(issuesAfter((s) => (s.actors[0].ops[0].timeout = 'soon'))).toEqual([
      'actors[0].ops[0].timeout: must be a number of time units, or null for no timeout',
    ]);
  });

  it('allows negative timeouts, which are passed through to the implementation', () => {
    expect(issuesAfter((s) => (s.actors[0].ops[0].timeout = -1))).toEqual([]);
  });

  it('rejects unknown fields, naming what the op takes', () => {
    expect(issuesAfter((s) => (s.actors[0].ops[0].timout = 3))).toEqual(['actors[0].ops[0].timout: unknown field; acquire takes target, blocking and timeout']);
    expect(issuesAfter((s) => (s.extra = 1))).toEqual([
      'extra: unknown field; a scenario takes version, name, timeUnitMs, deadlineMs, objects, actors and seed',
    ]);
    expect(issuesAfter((s) => (s.objects.l.value = 1))).toEqual(['objects.l.value: unknown field; a lock takes type']);
  });

  it('rejects unknown ops and missing required fields', () => {
    const [unknown] = issuesAfter((s) => (s.actors[0].ops[0] = { op: 'lock', target: 'l' }));
    expect(unknown).toMatch(/^actors\[0\]\.ops\[0\]\.op: unknown operation "lock"; expected one of acquire, release/);
    expect(issuesAfter((s) => (s.actors[0].ops[5] = { op: 'put', target: 'q' }))).toEqual(['actors[0].ops[5].item: required by put']);
  });

  it('rejects items that are not JSON', () => {
    expect(issuesAfter((s) => (s.actors[0].ops[5].item = { n: Number.NaN }))).toEqual([
      'actors[0].ops[5].item: must be a JSON value (finite numbers, strings, booleans, null, arrays, plain objects)',
    ]);
  });

  it('requires registers to be written by a read of the same actor', () => {
    expect(issuesAfter((s) => (s.actors[0].ops[6].body[0].value = { reg: 'w' }))).toEqual([
      'actors[0].ops[6].body[0].value: no register "w": no read of this actor stores into it',
    ]);
    expect(issuesAfter((s) => s.actors[1].ops.push({ op: 'mark', label: 'm', value: { reg: 'v' } }))).toEqual([
      'actors[1].ops[2].value: no register "v": no read of this actor stores into it',
    ]);
    expect(issuesAfter((s) => (s.actors[0].ops[6].body[0].value = 'seven'))).toEqual([
      'actors[0].ops[6].body[0].value: must be a number or {"reg": name, "add"?: number}',
    ]);
  });

  it('checks declarations: types, condition locks, queue orders', () => {
    expect(issuesAfter((s) => (s.objects.z = { type: 'mutex' }))).toEqual([
      'objects.z.type: must be one of lock, rlock, semaphore, bounded-semaphore, event, condition, barrier, queue, cell, tcp-listener, unix-listener, udp-socket',
    ]);
    expect(issuesAfter((s) => (s.objects.c.lock = 'e'))).toEqual(['objects.c.lock: "e" is an event; a condition needs a lock or rlock']);
    expect(issuesAfter((s) => (s.objects.c.lock = 'missing'))).toEqual(['objects.c.lock: no object named "missing"']);
    expect(issuesAfter((s) => (s.objects.q.order = 'random'))).toEqual(['objects.q.order: must be fifo, lifo or priority']);
    expect(issuesAfter((s) => (s.objects['my queue'] = { type: 'queue', maxsize: 'big' }))).toEqual([
      'objects["my queue"].maxsize: must be an integer (< 1 means unbounded)',
    ]);
  });

  it('only lets semaphores take a release count', () => {
    expect(issuesAfter((s) => (s.actors[0].ops[1].n = 2))).toEqual(['actors[0].ops[1].n: only semaphores take a release count; "l" is a lock']);
  });

  it('requires joinable queues for task_done in process actors only', () => {
    expect(issuesAfter((s) => s.actors[0].ops.push({ op: 'task_done', target: 'q' }))).toEqual([]);
    expect(
      issuesAfter((s) => {
        s.actors[0].kind = 'process';
        s.actors[0].ops.push({ op: 'join_queue', target: 'q' });
      }),
    ).toEqual(['actors[0].ops[10].target: "q" is not joinable; a process queue needs "joinable": true for join_queue']);
  });

  it('requires at least one actor that starts by itself', () => {
    expect(issuesAfter((s) => (s.actors[0].start = 'manual'))).toEqual(['actors: at least one actor must start automatically (start: "auto" or omitted)']);
    expect(issuesAfter((s) => (s.actors = []))).toEqual(['actors: must be a non-empty array of actors']);
  });

  it('reports several problems in one pass', () => {
    const issues = issuesAfter((s) => {
      s.name = '';
      s.actors[0].kind = 'fiber';
      s.actors[0].ops[0].target = 'nothing';
    });
    expect(issues).toEqual([
      'name: must be a non-empty string',
      'actors[0].kind: must be thread, process or task',
      'actors[0].ops[0].target: no object named "nothing"',
    ]);
  });

  it('assertValidScenario throws an error listing every issue under the scenario name', () => {
    const bad = { ...base(), timeUnitMs: -1, deadlineMs: 0 };
    expect(() => assertValidScenario(bad)).toThrow(InvalidScenarioError);
    expect(() => assertValidScenario(bad)).toThrow(
      'invalid scenario "everything":\ntimeUnitMs: must be a number of milliseconds > 0\ndeadlineMs: must be a number of milliseconds > 0',
    );
    expect(assertValidScenario(base())).toEqual(base());
  });
});

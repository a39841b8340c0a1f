import * as fs from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import * as fc from 'fast-check';
import { SCHEMA_FILE } from '../../harness/scenario/scenario-schema';
import { validateScenario } from '../../harness/scenario/validate';
import type { Op, Scenario } from '../../harness/scenario/model';
import { eventScenarios, GENERATED_DEADLINE_MS, joinableQueueScenarios, lockScenarios, queueScenarios, semaphoreScenarios, udpDatagramScenarios } from '../../harness/generate';

/**
 * The arbitraries of harness/generate/: every scenario they draw (and every shrink of one,
 * which fast-check draws from the same arbitrary) is valid under docs/scenario.schema.json and
 * the model's own validator, and keeps the invariant that makes it unable to hang.
 */

const validateSchema = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);

const families: [string, fc.Arbitrary<Scenario>][] = [
  ['Lock', lockScenarios('lock')],
  ['RLock', lockScenarios('rlock')],
  ['Semaphore', semaphoreScenarios('semaphore')],
  ['BoundedSemaphore', semaphoreScenarios('bounded-semaphore')],
  ['Event', eventScenarios()],
  ['Queue', queueScenarios('fifo')],
  ['LifoQueue', queueScenarios('lifo')],
  ['PriorityQueue', queueScenarios('priority')],
  ['task_done/join', joinableQueueScenarios()],
  ['UDP datagrams', udpDatagramScenarios()],
];

const opsOf = (s: Scenario): Op[] => s.actors.flatMap((a) => a.ops);

describe.each(families)('generated %s scenarios', (_name, arbitrary) => {
  it('validate against docs/scenario.schema.json and the model validator', () => {
    fc.assert(
      fc.property(arbitrary, (s) => {
        expect(validateSchema(s) ? [] : validateSchema.errors).toEqual([]);
        expect(validateScenario(s)).toMatchObject({ ok: true });
        expect(s.deadlineMs).toBe(GENERATED_DEADLINE_MS);
        expect(s.actors.length).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it('are drawn from the seed alone', () => {
    expect(fc.sample(arbitrary, { seed: 7, numRuns: 5 })).toEqual(fc.sample(arbitrary, { seed: 7, numRuns: 5 }));
  });
});

describe('what keeps generated scenarios from hanging', () => {
  it('every queue op that can wait on a bounded queue has a timeout', () => {
    fc.assert(
      fc.property(fc.constantFrom<'fifo' | 'lifo' | 'priority'>('fifo', 'lifo', 'priority').chain(queueScenarios), (s) => {
        const decl = s.objects['q'];
        const bounded = decl?.type === 'queue' && (decl.maxsize ?? 0) > 0;
        for (const o of opsOf(s)) {
          if (o.op === 'get' || (o.op === 'put' && bounded)) expect(typeof o.timeout).toBe('number');
        }
      }),
      { numRuns: 150, seed: 1 },
    );
  });

  it('queue items are distinct', () => {
    fc.assert(
      fc.property(queueScenarios('priority'), (s) => {
        const items = opsOf(s).flatMap((o) => (o.op === 'put' || o.op === 'put_nowait' ? [JSON.stringify(o.item)] : []));
        expect(new Set(items).size).toBe(items.length);
      }),
      { numRuns: 100, seed: 2 },
    );
  });

  it('the event setter ends with a set it never undoes', () => {
    fc.assert(
      fc.property(eventScenarios(), (s) => {
        const setter = s.actors.find((a) => a.name === 'setter')!;
        expect(setter.ops[setter.ops.length - 1]).toEqual({ op: 'set', target: 'ev' });
        expect(s.actors.filter((a) => a !== setter).flatMap((a) => a.ops).some((o) => o.op === 'clear' || o.op === 'set')).toBe(false);
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it('consumers of a joinable queue take exactly the items put, each followed by task_done', () => {
    fc.assert(
      fc.property(joinableQueueScenarios(), (s) => {
        const ops = opsOf(s);
        expect(ops.filter((o) => o.op === 'get').length).toBe(ops.filter((o) => o.op === 'put').length);
        for (const a of s.actors) a.ops.forEach((o, i) => o.op === 'get' && expect(a.ops[i + 2]).toEqual({ op: 'task_done', target: 'q' }));
        expect(ops.filter((o) => o.op === 'join_queue').length).toBe(1);
      }),
      { numRuns: 100, seed: 4 },
    );
  });

  it('every lock acquire is followed by a release of the same actor', () => {
    fc.assert(
      fc.property(fc.constantFrom<'lock' | 'rlock'>('lock', 'rlock').chain(lockScenarios), (s) => {
        for (const a of s.actors) {
          const acquires = a.ops.filter((o) => o.op === 'acquire').length;
          const releases = a.ops.filter((o) => o.op === 'release').length;
          expect(releases).toBeGreaterThanOrEqual(acquires);
          if (a.ops.length > 0 && a.ops[a.ops.length - 1]!.op === 'acquire') throw new Error(`${a.name} ends holding the lock`);
        }
      }),
      { numRuns: 150, seed: 5 },
    );
  });
});

import * as fs from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import * as fc from 'fast-check';
import { SCHEMA_FILE } from '../../harness/scenario/scenario-schema';
import { validateScenario } from '../../harness/scenario/validate';
import type { Op, Scenario } from '../../harness/scenario/model';
import { daemonScenarios, poolWorkloadScenarios } from '../../harness/generate';

/**
 * The process-level arbitraries (harness/generate/daemon-scenario.ts, pool-workload-scenario.ts):
 * valid scenarios whose shape makes the property decidable on a correct implementation.
 */

const validateSchema = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);

const sleepOf = (ops: Op[]): number => ops.reduce((n, o) => n + (o.op === 'sleep' ? o.units : 0), 0);

describe.each([
  ['daemon', daemonScenarios()],
  ['pool workload', poolWorkloadScenarios()],
])('generated %s scenarios', (_name, arbitrary: fc.Arbitrary<Scenario>) => {
  it('validate against docs/scenario.schema.json and the model validator, with process actors only', () => {
    fc.assert(
      fc.property(arbitrary, (s) => {
        expect(validateSchema(s) ? [] : validateSchema.errors).toEqual([]);
        expect(validateScenario(s)).toMatchObject({ ok: true });
        expect(s.actors.every((a) => a.kind === 'process')).toBe(true);
      }),
      { numRuns: 100, seed: 42 },
    );
  });

  it('are drawn from the seed alone', () => {
    expect(fc.sample(arbitrary, { seed: 7, numRuns: 5 })).toEqual(fc.sample(arbitrary, { seed: 7, numRuns: 5 }));
  });
});

describe('daemon scenarios', () => {
  it('have a daemonic and a plain child, and every daemon works longer than main and every plain child', () => {
    fc.assert(
      fc.property(daemonScenarios(), (s) => {
        const children = s.actors.filter((a) => a.name !== 'main');
        const daemons = children.filter((a) => a.daemon === true);
        const plain = children.filter((a) => a.daemon !== true);
        expect(daemons.length).toBeGreaterThan(0);
        expect(plain.length).toBeGreaterThan(0);
        const longest = Math.max(sleepOf(s.actors[0].ops), ...plain.map((a) => sleepOf(a.ops)));
        for (const d of daemons) expect(sleepOf(d.ops)).toBeGreaterThanOrEqual(longest + 20);
      }),
      { numRuns: 100, seed: 1 },
    );
  });
});

describe('pool workload scenarios', () => {
  it('name a failing task only among the tasks there are', () => {
    fc.assert(
      fc.property(poolWorkloadScenarios(), (s) => {
        const program = s.actors[0].ops[0];
        expect(program.op).toBe('program');
        const args = (program as Extract<Op, { op: 'program' }>).args as { tasks: number; failAt: number };
        expect(args.failAt).toBeLessThan(args.tasks);
        expect(args.failAt).toBeGreaterThanOrEqual(-1);
      }),
      { numRuns: 100, seed: 1 },
    );
  });
});

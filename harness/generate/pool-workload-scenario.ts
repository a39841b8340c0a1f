import * as fc from 'fast-check';
import { SCENARIO_MODEL_VERSION, type Scenario } from '../scenario/model';

/**
 * Pool workloads for the documents' pool program (`pool-apply`, docs/example-programs.md): a
 * Pool of one to three workers, one to five apply_async tasks of a random length with a
 * callback and an error_callback, and maybe one task that raises. Each is one `program` op of
 * a `main` process, so the whole workload runs in the implementation's own Pool.
 */

/** The program's seconds: process start-up and IPC must stay small beside a task. */
const UNIT_MS = 50;
/** A Pool starts its workers and runs a few short tasks well within this. */
const DEADLINE_UNITS = 300;

/** The program's arguments (adapters/python/programs/pool-apply.py). */
export type PoolWorkload = {
  processes: number;
  tasks: number;
  seconds: number;
  /** The task that raises, or -1. */
  failAt: number;
};

const workload: fc.Arbitrary<PoolWorkload> = fc
  .record({ processes: fc.integer({ min: 1, max: 3 }), tasks: fc.integer({ min: 1, max: 5 }), seconds: fc.integer({ min: 0, max: 2 }) })
  .chain((w) => fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: w.tasks - 1 })).map((failAt) => ({ ...w, failAt })));

export function poolWorkloadScenarios(): fc.Arbitrary<Scenario> {
  return workload.map(
    (w): Scenario => ({
      version: SCENARIO_MODEL_VERSION,
      name: `generated pool workload: Pool(${w.processes}), ${w.tasks} task(s) of ${w.seconds}${w.failAt >= 0 ? `, task ${w.failAt} raises` : ''}`,
      timeUnitMs: UNIT_MS,
      deadlineMs: DEADLINE_UNITS * UNIT_MS,
      objects: {},
      actors: [{ name: 'main', kind: 'process', ops: [{ op: 'program', name: 'pool-apply', args: { mode: 'apply_async', callback: true, ...w } }] }],
    }),
  );
}

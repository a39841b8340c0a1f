import { claims } from '../../spec';
import { actorKindsOf } from '../../spec/claim';
import { TaskHostImplementation } from '../../harness/adapters/tasks/task-host';
import { TASK_ADAPTERS } from '../../harness/adapters/tasks/task-adapters';
import { runClaims } from '../../harness/runner/runner';
import type { RunReport } from '../../harness/runner/report-model';

/**
 * The reference implementation's asyncio flavour through the task executor, on the whole
 * catalog: every claim that may run on tasks and needs nothing asyncio lacks must pass. This is
 * what validates the task executor, as test/conformance/reference.test.ts validates the thread one.
 */

jest.setTimeout(240_000);

let report: RunReport;
const implementation = new TaskHostImplementation({ bindingModule: TASK_ADAPTERS.find((a) => a.name === 'reference-aio')!.bindingModule });

beforeAll(async () => {
  report = await runClaims({ implementation, claims, seed: 20261123 });
});

afterAll(() => implementation.close());

describe('reference-aio', () => {
  it('passes every claim that can run on tasks with what asyncio has', () => {
    const runnable = claims.filter((c) => actorKindsOf(c.check)?.includes('task') && c.status !== 'pending' && !c.capabilities.includes('rlock'));
    expect(runnable.length).toBeGreaterThanOrEqual(40);
    const byId = new Map(report.claims.map((r) => [r.id, r]));
    expect(runnable.map((c) => `${c.id}: ${byId.get(c.id)?.verdict}`)).toEqual(runnable.map((c) => `${c.id}: pass`));
  });

  it('neither fails nor errors, and is not applicable only to claims that cannot run on tasks or need an RLock', () => {
    expect(report.summary.fail).toBe(0);
    expect(report.summary.error).toBe(0);
    const byId = new Map(claims.map((c) => [c.id, c]));
    for (const r of report.claims.filter((c) => c.verdict === 'not-applicable')) {
      const c = byId.get(r.id)!;
      const why = actorKindsOf(c.check)?.includes('task') ? (c.capabilities.includes('rlock') ? 'needs an RLock' : 'runs on tasks') : 'cannot run on tasks';
      expect(`${r.id}: ${why}`).not.toBe(`${r.id}: runs on tasks`);
      if (why === 'needs an RLock') expect(r.message).toBe('reference-aio lacks: rlock');
    }
  });
});

import * as path from 'node:path';
import { TaskHostImplementation } from '../../harness/adapters/tasks/task-host';
import { TASK_ADAPTERS } from '../../harness/adapters/tasks/task-adapters';
import type { Actor, ObjectDecl, Scenario } from '../../harness/scenario/model';

/** The task host: scenarios run in a worker thread that is replaced when a task never yields. */

const UNIT = 10;
const scenario = (name: string, objects: Record<string, ObjectDecl>, actors: Actor[], deadlineMs = 2_000): Scenario => ({ version: 1, name, timeUnitMs: UNIT, deadlineMs, objects, actors });
const AIO = TASK_ADAPTERS.find((a) => a.name === 'reference-aio')!.bindingModule;
const fixture = (name: string) => path.join(__dirname, 'fixtures', name);

const eventScenario = scenario('set then wait', { e: { type: 'event' } }, [
  { name: 'waiter', kind: 'task', ops: [{ op: 'wait', target: 'e' }] },
  { name: 'setter', kind: 'task', ops: [{ op: 'sleep', units: 2 }, { op: 'set', target: 'e' }] },
]);

describe('task host', () => {
  it('describes the binding and runs scenarios in its worker, one after another', async () => {
    const host = new TaskHostImplementation({ bindingModule: AIO });
    try {
      expect(host.name).toBe('reference-aio');
      expect([...host.capabilities]).toEqual(expect.arrayContaining(['tasks', 'cell', 'lock', 'queue', 'joinable-queue']));
      expect(host.capabilities.has('threads')).toBe(false);
      const [a, b] = await Promise.all([host.runScenario(eventScenario), host.runScenario(eventScenario)]);
      for (const r of [a, b]) {
        expect(r.status).toBe('completed');
        const wait = r.history.filter((e) => e.f === 'wait');
        const set = r.history.find((e) => e.f === 'set' && e.type === 'invoke')!;
        expect(wait[1]).toMatchObject({ type: 'ok', value: true });
        expect(wait[1].time).toBeGreaterThanOrEqual(set.time);
      }
      expect(host.workerAlive).toBe(true);
      await expect(host.runScenario(scenario('threads', {}, [{ name: 't', kind: 'thread', ops: [] }]))).rejects.toMatchObject({ name: 'UnsupportedScenarioError' });
    } finally {
      await host.close();
    }
    expect(host.workerAlive).toBe(false);
    await expect(host.runScenario(eventScenario)).rejects.toThrow(/closed/);
  });

  it('terminates a worker whose task never yields, reports the run as crashed, and starts a fresh one', async () => {
    const host = new TaskHostImplementation({ bindingModule: fixture('spinning-binding.ts'), killGraceMs: 300 });
    try {
      const stuck = await host.runScenario(
        scenario('spin', { b: { type: 'barrier', parties: 1 } }, [{ name: 'spinner', kind: 'task', ops: [{ op: 'reset', target: 'b' }] }], 200),
      );
      expect(stuck.status).toBe('crashed');
      expect(stuck.error).toMatch(/never yielded/);
      expect(host.workerAlive).toBe(false);
      const next = await host.runScenario(eventScenario);
      expect(next.status).toBe('completed');
    } finally {
      await host.close();
    }
    expect(host.workerAlive).toBe(false);
  });

  it('rejects runs with the reason when the library cannot be loaded, leaving no worker', async () => {
    const host = new TaskHostImplementation({ bindingModule: fixture('unloadable-binding.ts') });
    try {
      await expect(host.runScenario(eventScenario)).rejects.toThrow(/unloadable: the task host's worker did not start: loading the binding failed: Error: the library is not installed/);
      expect(host.workerAlive).toBe(false);
    } finally {
      await host.close();
    }
  });

  it('stops the run when it is aborted', async () => {
    const host = new TaskHostImplementation({ bindingModule: AIO });
    try {
      const controller = new AbortController();
      const forever = scenario('forever', { e: { type: 'event' } }, [{ name: 'w', kind: 'task', ops: [{ op: 'wait', target: 'e' }] }], 30_000);
      const running = host.runScenario(forever, { signal: controller.signal });
      setTimeout(() => controller.abort(), 1_000);
      await expect(running).resolves.toMatchObject({ status: 'crashed', error: 'the run was aborted' });
      expect((await host.runScenario(eventScenario)).status).toBe('completed');
    } finally {
      await host.close();
    }
  });
});

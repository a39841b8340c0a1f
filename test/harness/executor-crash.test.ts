import * as path from 'node:path';
import { ThreadExecutor } from '../../harness/adapters/reference/thread-executor';
import type { Actor, Op, Scenario } from '../../harness/scenario/model';

/** Worker crashes, through a binding that breaks its worker on purpose (fixtures/crashing-binding.ts). */

const executor = new ThreadExecutor({ bindingModule: path.join(__dirname, 'fixtures', 'crashing-binding.ts') });

afterAll(async () => {
  await executor.close();
  expect(executor.stats().live).toBe(0);
});

function scenario(actors: Actor[], parties = 2): Scenario {
  return {
    version: 1,
    name: 'crash',
    timeUnitMs: 10,
    deadlineMs: 10_000,
    objects: { q: { type: 'queue' }, l: { type: 'lock' }, b: { type: 'barrier', parties } },
    actors,
  };
}

const thread = (name: string, ops: Op[]): Actor => ({ name, kind: 'thread', ops });
const blockedForever: Op[] = [{ op: 'acquire', target: 'l' }, { op: 'acquire', target: 'l' }];

function expectNoBusyWorker(): void {
  const stats = executor.stats();
  expect(stats.live).toBe(stats.idle);
}

describe('thread executor crash handling', () => {
  it('reports a worker that exits mid-run as crashed, and stops the other actors', async () => {
    const r = await executor.run(scenario([thread('bad', [{ op: 'sleep', units: 2 }, { op: 'put_nowait', target: 'q', item: 'EXIT' }]), thread('stuck', blockedForever)]));
    expect(r.status).toBe('crashed');
    expect(r.error).toBe('actor "bad": worker exited with code 7');
    expect(r.unfinished.sort()).toEqual(['bad', 'stuck']);
    // The crashed op and the blocked acquire are both left indeterminate.
    expect(r.history.filter((e) => e.type === 'info').map((e) => `${e.actor}:${e.f}`).sort()).toEqual(['bad:put_nowait', 'stuck:acquire']);
    expect(r.durationMs).toBeLessThan(10_000);
    expectNoBusyWorker();
  });

  it('reports an uncaught exception in a worker as crashed with its message', async () => {
    const r = await executor.run(scenario([thread('bad', [{ op: 'put_nowait', target: 'q', item: 'THROW-LATER' }]), thread('stuck', blockedForever)]));
    expect(r.status).toBe('crashed');
    expect(r.error).toMatch(/^actor "bad": worker crashed: Error: thrown outside any operation/);
    expect(r.unfinished).toEqual(['stuck']);
    expectNoBusyWorker();
  });

  it('reports objects that cannot be attached as crashed before anything starts', async () => {
    const r = await executor.run(scenario([thread('a', [{ op: 'mark', label: 'never' }])], 13));
    expect(r.status).toBe('crashed');
    expect(r.error).toBe('actor "a" could not attach the shared objects: Error: this fixture cannot attach 13-party barriers');
    expect(r.history).toEqual([]);
    expectNoBusyWorker();
  });

  it('still runs healthy scenarios afterwards', async () => {
    const r = await executor.run(scenario([thread('a', [{ op: 'put_nowait', target: 'q', item: 1 }, { op: 'get_nowait', target: 'q' }])]));
    expect(r.status).toBe('completed');
    expect(r.history.filter((e) => e.type === 'ok').map((e) => e.value)).toEqual([null, 1]);
  });
});

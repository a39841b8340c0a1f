import { ProcessExecutor } from '../../harness/adapters/reference/process-executor/process-executor';
import { referencePrograms } from '../../harness/adapters/reference/process-executor/reference-programs';
import { UnsupportedScenarioError } from '../../harness/adapters/reference/thread-executor';
import { checkWellFormed } from '../../harness/checkers/operations';
import { liveGroupMembers, readStat } from '../../impl/process/linux-proc';
import { op, proc, scenario, thread } from '../../spec/dsl';
import type { ScenarioResult } from '../../harness/scenario/result';
import type { HistoryEvent } from '../../harness/scenario/history';

/**
 * The process executor: every actor in its own process, real blocking, deadlines that kill, and
 * no process left behind whatever ends a run.
 */

const executor = new ProcessExecutor({ programs: referencePrograms });

afterAll(() => executor.close());

/** Every actor host pid of a run's events (hosts report through IPC; we read /proc). */
function hostsAlive(): number {
  return executor.stats().live;
}

function completion(result: ScenarioResult, actor: string, f: string): HistoryEvent | undefined {
  return result.history.find((e) => e.actor === actor && e.f === f && e.type !== 'invoke');
}

describe('process executor', () => {
  it('runs process actors against process-level objects with well-formed histories', async () => {
    const result = await executor.run(
      scenario('a child puts, the parent gets', {
        objects: { q: { type: 'queue', maxsize: 1 }, c: { type: 'cell', initial: 1 } },
        actors: [proc('main', [op.start('child'), op.get('q'), op.join('child'), op.exitcode('child'), op.read('c')]), proc('child', [op.put('q', 'x'), op.write('c', 5)], { start: 'manual' })],
      }),
    );
    expect(result.status).toBe('completed');
    expect(checkWellFormed(result.history).ok).toBe(true);
    expect(completion(result, 'main', 'get')?.value).toBe('x');
    expect(completion(result, 'main', 'exitcode')?.value).toBe(0);
    expect(result.final.cells).toEqual({ c: 5 });
  });

  it('kills every actor process at the deadline and records the blocked ops as info', async () => {
    const result = await executor.run(
      scenario('two processes wait forever', {
        deadlineUnits: 10,
        objects: { q: { type: 'queue' }, e: { type: 'event' } },
        actors: [proc('a', [op.get('q')]), proc('b', [op.wait('e')])],
      }),
    );
    expect(result.status).toBe('deadline');
    expect(result.unfinished.sort()).toEqual(['a', 'b']);
    expect(result.history.filter((e) => e.type === 'info').map((e) => e.f).sort()).toEqual(['get', 'wait']);
    expect(executor.stats().live).toBe(executor.stats().idle);
  });

  it('stops an aborted run at once and leaves no process of it', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = performance.now();
    const result = await executor.run(scenario('sleeps for long', { objects: {}, actors: [proc('a', [op.sleep(1000)])] }), { signal: controller.signal });
    expect(result.status).toBe('crashed');
    expect(result.error).toMatch(/aborted/);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(hostsAlive()).toBe(executor.stats().idle);
  });

  it("terminates an actor with SIGTERM: its op never completes and its exit code is -15", async () => {
    const result = await executor.run(
      scenario('terminate a sleeper', {
        objects: { running: { type: 'event' } },
        actors: [proc('main', [op.start('p'), op.wait('running'), op.sleep(2), op.terminate('p'), op.join('p'), op.exitcode('p')]), proc('p', [op.set('running'), op.sleep(1000), op.mark('finished')], { start: 'manual' })],
      }),
    );
    expect(result.status).toBe('completed');
    // On a loaded machine p may be terminated before its sleep even began; it never finishes.
    expect(['info', undefined]).toContain(completion(result, 'p', 'sleep')?.type);
    expect(completion(result, 'p', 'mark')).toBeUndefined();
    expect(completion(result, 'main', 'exitcode')?.value).toBe(-15);
  });

  it('stops a top-level daemon actor when every other actor has finished', async () => {
    const result = await executor.run(
      scenario('a daemon outlives main', { objects: {}, actors: [proc('main', [op.sleep(1)]), proc('d', [op.sleep(1000)], { daemon: true })] }),
    );
    expect(result.status).toBe('completed');
    expect(result.unfinished).toEqual(['d']);
  });

  it('runs an example program and returns what it reported', async () => {
    const result = await executor.run(scenario('a program', { timeUnitMs: 50, deadlineUnits: 1200, objects: {}, actors: [proc('main', [op.program('copy-semantics')])] }));
    const transcript = completion(result, 'main', 'program')?.value as { exitCode: number; survivors: number; records: { event: string; x?: number; time: number }[] };
    expect([transcript.exitCode, transcript.survivors]).toEqual([0, 0]);
    expect(transcript.records.map((r) => r.event)).toEqual(['child-sees', 'parent-sees', 'child-list', 'parent-list']);
    expect(transcript.records.find((r) => r.event === 'parent-sees')?.x).toBe(100);
  });

  it('ends a program that never ends at its timeout (counted from its first record) and kills all of it', async () => {
    const result = await executor.run(
      scenario('a program that never ends', {
        timeUnitMs: 50,
        deadlineUnits: 1200,
        objects: {},
        actors: [proc('main', [op.program('producer-consumer-v1', { consumers: 2, items: 2 }, 40)])],
      }),
    );
    const ran = completion(result, 'main', 'program');
    expect(ran?.type).toBe('ok');
    const transcript = ran?.value as { pid: number; timedOut: boolean; records: { event: string; time: number }[] };
    expect(transcript.timedOut).toBe(true);
    const first = Math.min(...transcript.records.map((r) => r.time));
    expect(ran!.time - first).toBeGreaterThanOrEqual(40 * 50 * 0.9);
    expect(liveGroupMembers(transcript.pid)).toEqual([]);
    expect(readStat(transcript.pid)).toBeUndefined();
  });

  it('fails the op of a program it does not have', async () => {
    const result = await executor.run(scenario('no such program', { objects: {}, actors: [proc('main', [op.program('no-such-program')])] }));
    expect(completion(result, 'main', 'program')).toMatchObject({ type: 'fail', error: 'NotSupported' });
  });

  it('refuses scenarios it cannot run', async () => {
    await expect(executor.run(scenario('threads', { objects: {}, actors: [thread('t', [op.sleep(1)])] }))).rejects.toBeInstanceOf(UnsupportedScenarioError);
    await expect(executor.run(scenario('lifo', { objects: { q: { type: 'queue', order: 'lifo' } }, actors: [proc('p', [op.qsize('q')])] }))).rejects.toBeInstanceOf(UnsupportedScenarioError);
  });

  it('close() ends every actor host', async () => {
    const own = new ProcessExecutor({ programs: referencePrograms });
    await own.run(scenario('warm', { objects: {}, actors: [proc('a', [op.sleep(1)]), proc('b', [op.sleep(1)])] }));
    expect(own.stats().live).toBe(2);
    await own.close();
    expect(own.stats().live).toBe(0);
  });
});

import type { Claim, ScenarioCheck } from '../../spec/claim';
import { isolationOf } from '../../harness/runner/claim-isolation';
import { runScheduled } from '../../harness/runner/claim-scheduler';
import { runClaims } from '../../harness/runner/runner';
import type { Scenario } from '../../harness/scenario/model';
import { FakeImplementation, result, tinyScenario } from './fake-implementation';

/** The runner's --concurrency and --time-scale: what runs beside what, and what the report says. */

const source = { doc: 'd.txt', section: 's', quote: 'q' };
const judgeOk: ScenarioCheck['judge'] = () => ({ ok: true, message: 'fine' });

function claim(id: string, extra: Partial<Claim> = {}): Claim {
  return { id, title: id, topic: id.split('.')[0], source, kind: 'executable', level: 'MUST', capabilities: ['threads'], tags: [], check: { type: 'scenario', scenarios: [tinyScenario(id)], judge: judgeOk }, ...extra };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Records which scenarios were running at once; each run takes `ms` (longer for names in `slow`). */
function overlapRecorder(ms: number, slow: ReadonlySet<string> = new Set(), maxConcurrentRuns = 8) {
  const running = new Set<string>();
  const beside = new Map<string, Set<string>>();
  let peak = 0;
  const impl = new FakeImplementation(['threads'], async (scenario: Scenario) => {
    for (const other of running) {
      beside.set(scenario.name, (beside.get(scenario.name) ?? new Set()).add(other));
      beside.set(other, (beside.get(other) ?? new Set()).add(scenario.name));
    }
    running.add(scenario.name);
    peak = Math.max(peak, running.size);
    await tick(slow.has(scenario.name) ? ms * 3 : ms);
    running.delete(scenario.name);
    return result();
  });
  Object.assign(impl, { maxConcurrentRuns });
  return { impl, beside, peak: () => peak };
}

describe('claim isolation', () => {
  it('is exclusive for claims that say so or carry a timing tag, shared otherwise', () => {
    expect(isolationOf({ tags: [] })).toBe('shared');
    expect(isolationOf({ tags: ['definition', 'timing'] })).toBe('exclusive');
    expect(isolationOf({ tags: ['gil'] })).toBe('exclusive');
    expect(isolationOf({ tags: ['timing'], isolation: 'shared' })).toBe('shared');
    expect(isolationOf({ tags: [], isolation: 'exclusive' })).toBe('exclusive');
  });
});

describe('the claim scheduler', () => {
  it('keeps at most `concurrency` jobs running, runs an exclusive job alone, and returns results by index', async () => {
    const log: string[] = [];
    let running = 0;
    let peak = 0;
    const jobs = ['a', 'b', 'c', 'X', 'd', 'e'];
    const results = await runScheduled(jobs, { concurrency: 2, isExclusive: (j) => j === 'X', stopped: () => false }, async (job) => {
      running++;
      peak = Math.max(peak, running);
      log.push(`start ${job} with ${running}`);
      await tick(job === 'a' ? 30 : 5);
      running--;
      return job.toUpperCase();
    });
    expect(results).toEqual(['A', 'B', 'C', 'X', 'D', 'E']);
    expect(peak).toBe(2);
    expect(log).toContain('start X with 1');
    // Nothing after X starts before X has ended: the order of starts is the order of jobs.
    expect(log.map((l) => l.split(' ')[1])).toEqual(jobs);
  });

  it('stops starting jobs once stopped, waits for the running ones, and rethrows a job failure', async () => {
    let stop = false;
    const results = await runScheduled([1, 2, 3, 4], { concurrency: 2, isExclusive: () => false, stopped: () => stop }, async (n) => {
      await tick(5);
      if (n === 2) stop = true;
      return n;
    });
    expect(results.slice(0, 2)).toEqual([1, 2]);
    expect(results.filter((r) => r !== undefined).length).toBeLessThan(4);
    await expect(runScheduled([1, 2], { concurrency: 2, isExclusive: () => false, stopped: () => false }, async (n) => (n === 2 ? Promise.reject(new Error('boom')) : n))).rejects.toThrow('boom');
  });
});

describe('runner concurrency', () => {
  it('runs shared claims side by side, an exclusive claim with nothing beside it, and reports in the selection order', async () => {
    const { impl, beside, peak } = overlapRecorder(20, new Set(['a.1']));
    const claims = [claim('a.1'), claim('a.2'), claim('a.3'), claim('t.alone', { tags: ['timing'] }), claim('a.4'), claim('a.5')];
    const report = await runClaims({ implementation: impl, claims, seed: 1, concurrency: 3 });
    expect(report.claims.map((c) => c.id)).toEqual(claims.map((c) => c.id));
    expect(report.claims.every((c) => c.verdict === 'pass')).toBe(true);
    expect(report.concurrency).toBe(3);
    expect(report.complete).toBe(true);
    expect(peak()).toBeGreaterThan(1);
    expect(peak()).toBeLessThanOrEqual(3);
    expect(beside.get('t.alone')).toBeUndefined();
  });

  it('never runs more at once than the implementation serves, and one at a time by default', async () => {
    const serial = overlapRecorder(5, new Set(), 1);
    await runClaims({ implementation: serial.impl, claims: [claim('a.1'), claim('a.2'), claim('a.3')], seed: 1, concurrency: 4 });
    expect(serial.peak()).toBe(1);
    const unasked = overlapRecorder(5);
    const report = await runClaims({ implementation: unasked.impl, claims: [claim('a.1'), claim('a.2')], seed: 1 });
    expect(unasked.peak()).toBe(1);
    expect(report.concurrency).toBeUndefined();
  });

  it('marks the report incomplete, in order and without gaps it cannot explain, when aborted mid-run', async () => {
    const controller = new AbortController();
    const impl = new FakeImplementation(['threads'], async (s) => {
      if (s.name === 'a.3') controller.abort();
      await tick(5);
      return result();
    });
    Object.assign(impl, { maxConcurrentRuns: 8 });
    const claims = ['a.1', 'a.2', 'a.3', 'a.4', 'a.5', 'a.6'].map((id) => claim(id));
    const report = await runClaims({ implementation: impl, claims, seed: 1, concurrency: 2, signal: controller.signal });
    expect(report.complete).toBe(false);
    const ids = report.claims.map((c) => c.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).not.toContain('a.6');
  });
});

describe('runner time scale', () => {
  it('scales every scenario time unit and deadline, and records the scale', async () => {
    const impl = new FakeImplementation(['threads'], () => result());
    const scenario = tinyScenario('s');
    const report = await runClaims({ implementation: impl, claims: [claim('a.1', { check: { type: 'scenario', scenarios: [scenario], judge: judgeOk } })], seed: 1, timeScale: 0.5 });
    expect(impl.calls[0].scenario.timeUnitMs).toBe(scenario.timeUnitMs * 0.5);
    expect(impl.calls[0].scenario.deadlineMs).toBe(scenario.deadlineMs * 0.5);
    expect(report.timeScale).toBe(0.5);
    await expect(runClaims({ implementation: impl, claims: [], seed: 1, timeScale: 0 })).rejects.toThrow(RangeError);
  });
});

describe('claim isolation by scenario shape', () => {
  const scenarioClaim = (actors: Scenario['actors']) => claim('s.x', { check: { type: 'scenario', scenarios: [{ ...tinyScenario('x'), actors }], judge: judgeOk } });
  const thread = (name: string) => ({ name, kind: 'thread' as const, ops: [{ op: 'sleep' as const, units: 1 }] });

  it('is exclusive for a scenario with many actors or with processes started under its deadline', () => {
    expect(isolationOf(scenarioClaim([thread('a'), thread('b')]))).toBe('shared');
    expect(isolationOf(scenarioClaim(Array.from({ length: 20 }, (_, i) => thread(`t${i}`))))).toBe('exclusive');
    expect(isolationOf(scenarioClaim([{ name: 'p', kind: 'process', ops: [{ op: 'sleep', units: 1 }] }]))).toBe('exclusive');
  });

  it('is shared for one process that runs an example program, whose time runs from its first record', () => {
    expect(isolationOf(scenarioClaim([{ name: 'main', kind: 'process', ops: [{ op: 'program', name: 'demo' }] }]))).toBe('shared');
  });

  it('is exclusive when the scenarios cannot even be generated', () => {
    expect(isolationOf(claim('s.bad', { check: { type: 'scenario', scenarios: () => { throw new Error('no'); }, judge: judgeOk } }))).toBe('exclusive');
  });
});

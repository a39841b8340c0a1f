import { claims } from '../../spec';
import { TaskHostImplementation } from '../../harness/adapters/tasks/task-host';
import { TASK_ADAPTERS } from '../../harness/adapters/tasks/task-adapters';
import { runClaims } from '../../harness/runner/runner';
import type { RunReport } from '../../harness/runner/report-model';

/**
 * The npm libraries async-mutex, async-sema and p-queue through their adapters (adapters/npm/),
 * on the whole catalog. The harness must judge every applicable claim (no `error`); a library
 * may fail a claim where it really differs from Python, and those findings are listed here and
 * in docs/npm-adapters.md, so that a change in a library (or an adapter) shows up.
 */

jest.setTimeout(240_000);

/** What each library fails, and what the failure message must say. */
const FINDINGS: Record<string, { fails: string[]; why?: RegExp; capabilities: string[] }> = {
  // Mutex.release() on an unlocked mutex is silently ignored; the generated Lock property finds
  // it too, as more successful releases than acquires.
  'async-mutex': {
    fails: ['lock.release-once-per-acquire', 'property.lock-exclusive-and-live'],
    why: /release\(lock\) → null.* to raise RuntimeError|successful releases of the Lock outnumber successful acquires/,
    capabilities: ['cell', 'lock', 'semaphore', 'tasks'],
  },
  // A Sema cannot withdraw a waiting acquire, so a get with a timeout is NotSupported, and it
  // cannot count its items, so the generated LIFO property's qsize is NotSupported too.
  'async-sema': {
    fails: ['queue.lifo-order', 'property.queue-lifo'],
    why: /get\(q, timeout=3\) raised NotSupported|qsize\(q\) raised NotSupported/,
    capabilities: ['cell', 'lifo-queue', 'semaphore', 'tasks'],
  },
  'p-queue': { fails: [], capabilities: ['cell', 'semaphore', 'tasks'] },
};

describe.each(Object.keys(FINDINGS))('the %s adapter', (name) => {
  const adapter = TASK_ADAPTERS.find((a) => a.name === name)!;
  let implementation: TaskHostImplementation;
  let report: RunReport;

  beforeAll(async () => {
    implementation = new TaskHostImplementation({ bindingModule: adapter.bindingModule });
    report = await runClaims({ implementation, claims, seed: 20261123 });
  });

  afterAll(async () => {
    await implementation.close();
    expect(implementation.workerAlive).toBe(false);
  });

  it('declares exactly what the library has, with its installed version', () => {
    expect(report.implementation).toMatchObject({ name, capabilities: FINDINGS[name].capabilities, runtime: `node ${process.version}` });
    expect(report.implementation.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('completes the run with no error verdict', () => {
    expect(report.complete).toBe(true);
    expect(report.claims.filter((c) => c.verdict === 'error').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
  });

  it('runs the claims its capabilities cover, on tasks', () => {
    const judged = report.claims.filter((c) => c.verdict === 'pass' || c.verdict === 'fail');
    expect(judged.length).toBeGreaterThanOrEqual(5);
    for (const c of judged) expect(c.evidence).toMatchObject({ actorKind: { written: 'thread', ran: 'task' } });
  });

  it('fails exactly the claims where the library differs from Python', () => {
    const fails = report.claims.filter((c) => c.verdict === 'fail');
    expect(fails.map((c) => c.id)).toEqual(FINDINGS[name].fails);
    for (const c of fails) expect(c.message).toMatch(FINDINGS[name].why!);
  });
});

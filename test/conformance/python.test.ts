import { randomUUID } from 'node:crypto';
import { claims } from '../../spec';
import { pythonCommand } from '../../harness/adapters/process/adapter-commands';
import { liveProcessGroups } from '../../harness/adapters/process/process-group';
import { ProcessImplementation } from '../../harness/adapters/process/process-implementation';
import type { RunReport } from '../../harness/runner/report-model';
import { runClaims } from '../../harness/runner/runner';
import { eventually, LEAK_TAG_VARIABLE, taggedProcesses } from '../adapters/tagged-processes';

/**
 * The proof that the suite's claims describe real Python, not only our implementation: the
 * whole catalog through the real runner against CPython's own threading, queue, multiprocessing,
 * socket, select and selectors, and CPython versions of the documents' programs
 * (adapters/python/driver.py and adapters/python/programs on the machine's python3, as `conform
 * run --impl python` does).
 * Every claim Python can run must pass; the others must be not-applicable for a capability the
 * driver lacks, or reported for the reason the catalog gives.
 */

// The process and program claims run real processes: a few minutes on a loaded 2-core machine.
jest.setTimeout(480_000);

/** How many claims at least CPython can run (of the catalog's, with the driver's capabilities). */
const MIN_APPLICABLE = 190;

let report: RunReport;
let python: ProcessImplementation;
// Every process of the run (the driver, its actors, the programs and their children) carries it.
const tag = randomUUID();

beforeAll(async () => {
  python = await ProcessImplementation.start({ command: pythonCommand({ ...process.env, [LEAK_TAG_VARIABLE]: tag }) });
  try {
    report = await runClaims({ implementation: python, claims, seed: 20261124 });
  } finally {
    await python.close();
  }
});

describe('CPython (adapters/python)', () => {
  it('introduces itself as CPython with the thread-level, socket and process-level capabilities', () => {
    expect(report.implementation.runtime).toMatch(/^CPython 3\.\d+/);
    expect(report.implementation.capabilities).toEqual(expect.arrayContaining(['threads', 'lock', 'rlock', 'semaphore', 'event', 'condition', 'queue', 'cell']));
    expect(report.implementation.capabilities).toEqual(expect.arrayContaining(['tcp', 'udp', 'select', 'unix-sockets', 'reuseaddr-control']));
    expect(report.implementation.capabilities).toEqual(expect.arrayContaining(['processes', 'programs', 'pools', 'executors', 'pipes', 'managers', 'fs']));
  });

  it('completes the run and leaves no adapter process behind', () => {
    expect(report.complete).toBe(true);
    expect(report.claims).toHaveLength(claims.length);
    expect(liveProcessGroups()).toEqual([]);
  });

  it('leaves no process of any run behind: no actor, program or program child, nor the guardian', async () => {
    expect(await eventually(() => taggedProcesses(tag).length === 0, 5_000)).toBe(true);
  });

  it('passes every claim it can run', () => {
    const caps = new Set(report.implementation.capabilities);
    const applicable = claims.filter((c) => c.check !== undefined && c.status !== 'pending' && c.capabilities.every((cap) => caps.has(cap)));
    // The thread-level catalog (locks, deadlock, RLock, semaphores, events, queues), the socket
    // claims and the process-level ones (processes, IPC, pools and executors, the documents'
    // programs) at least.
    expect(applicable.length).toBeGreaterThanOrEqual(MIN_APPLICABLE);
    const ids = new Set(applicable.map((c) => c.id));
    const processLevel = ['process', 'ipc', 'pool', 'producer-consumer', 'tickets', 'crawler'];
    // Every process-level claim with a check is one CPython runs (none left not-applicable).
    const runnable = claims.filter((c) => c.check !== undefined && c.status !== 'pending' && processLevel.includes(c.topic) && !c.capabilities.some((cap) => ['gevent', 'greenlet', 'http'].includes(cap)));
    expect(runnable.filter((c) => !ids.has(c.id)).map((c) => c.id)).toEqual([]);
    const notPassed = report.claims.filter((r) => ids.has(r.id) && r.verdict !== 'pass').map((r) => `${r.id}: ${r.verdict}: ${r.message}`);
    expect(notPassed).toEqual([]);
  });

  it('runs every socket claim on CPython itself: TCP, UDP, select and selectors, and the concepts they show', () => {
    const network = ['tcp', 'udp', 'select', 'unix-sockets', 'reuseaddr-control'];
    // Claims about whole servers need the implementation to start one (a `<protocol>-server`
    // capability), which the CPython driver does not offer yet: the test below holds them to
    // not-applicable.
    const socketClaims = claims.filter((c) => c.check !== undefined && c.status !== 'pending' && c.capabilities.some((cap) => network.includes(cap)) && !c.capabilities.some((cap) => cap.endsWith('-server')));
    expect(socketClaims.length).toBeGreaterThanOrEqual(44);
    // Including the one the reference cannot run (Node always sets SO_REUSEADDR).
    expect(socketClaims.map((c) => c.id)).toContain('tcp.address-in-use');
    const verdicts = new Map(report.claims.map((r) => [r.id, `${r.verdict}: ${r.message}`]));
    expect(socketClaims.map((c) => `${c.id}: ${verdicts.get(c.id)}`).filter((v) => !/: pass: /.test(v))).toEqual([]);
  });

  it('marks the rest not-applicable for a missing capability, never failed', () => {
    expect(report.summary.fail).toBe(0);
    expect(report.summary.error).toBe(0);
    const caps = new Set(report.implementation.capabilities);
    for (const r of report.claims.filter((c) => c.verdict === 'not-applicable')) {
      const claim = claims.find((c) => c.id === r.id)!;
      expect(claim.capabilities.some((cap) => !caps.has(cap))).toBe(true);
    }
  });

  it('reports claims without a check for the reason the catalog gives (contested ones as contested)', () => {
    const byId = new Map(claims.map((c) => [c.id, c]));
    for (const r of report.claims) {
      const c = byId.get(r.id)!;
      if (c.check && c.status !== 'pending') continue;
      const expected = c.status === 'pending' ? 'pending' : c.kind === 'informational' ? 'informational' : 'contested';
      expect(`${r.id}: ${r.verdict}`).toBe(`${r.id}: ${expected}`);
    }
  });
});

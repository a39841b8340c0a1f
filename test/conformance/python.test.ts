import { claims } from '../../spec';
import { pythonCommand } from '../../harness/adapters/process/adapter-commands';
import { liveProcessGroups } from '../../harness/adapters/process/process-group';
import { ProcessImplementation } from '../../harness/adapters/process/process-implementation';
import type { RunReport } from '../../harness/runner/report-model';
import { runClaims } from '../../harness/runner/runner';

/**
 * The proof that the suite's claims describe real Python, not only our implementation: the
 * whole catalog through the real runner against CPython's own threading, queue, socket, select
 * and selectors (adapters/python/driver.py on the machine's python3, as `conform run --impl
 * python` does).
 * Every claim Python can run must pass; the others must be not-applicable for a capability the
 * driver lacks, or reported for the reason the catalog gives.
 */

jest.setTimeout(180_000);

let report: RunReport;
let python: ProcessImplementation;

beforeAll(async () => {
  python = await ProcessImplementation.start({ command: pythonCommand() });
  try {
    report = await runClaims({ implementation: python, claims, seed: 20261124 });
  } finally {
    await python.close();
  }
});

describe('CPython (adapters/python)', () => {
  it('introduces itself as CPython with the thread-level and socket capabilities', () => {
    expect(report.implementation.runtime).toMatch(/^CPython 3\.\d+/);
    expect(report.implementation.capabilities).toEqual(expect.arrayContaining(['threads', 'lock', 'rlock', 'semaphore', 'event', 'condition', 'queue', 'cell']));
    expect(report.implementation.capabilities).toEqual(expect.arrayContaining(['tcp', 'udp', 'select', 'unix-sockets', 'reuseaddr-control']));
    expect(report.implementation.capabilities).not.toContain('processes');
  });

  it('completes the run and leaves no adapter process behind', () => {
    expect(report.complete).toBe(true);
    expect(report.claims).toHaveLength(claims.length);
    expect(liveProcessGroups()).toEqual([]);
  });

  it('passes every claim it can run', () => {
    const caps = new Set(report.implementation.capabilities);
    const applicable = claims.filter((c) => c.check !== undefined && c.status !== 'pending' && c.capabilities.every((cap) => caps.has(cap)));
    // The thread-level catalog (locks, deadlock, RLock, semaphores, events, queues) and the socket claims at least.
    expect(applicable.length).toBeGreaterThanOrEqual(95);
    const ids = new Set(applicable.map((c) => c.id));
    const notPassed = report.claims.filter((r) => ids.has(r.id) && r.verdict !== 'pass').map((r) => `${r.id}: ${r.verdict}: ${r.message}`);
    expect(notPassed).toEqual([]);
  });

  it('runs every socket claim on CPython itself: TCP, UDP, select and selectors, and the concepts they show', () => {
    const network = ['tcp', 'udp', 'select', 'unix-sockets', 'reuseaddr-control'];
    const socketClaims = claims.filter((c) => c.check !== undefined && c.status !== 'pending' && c.capabilities.some((cap) => network.includes(cap)));
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

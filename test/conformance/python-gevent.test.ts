import { spawnSync } from 'node:child_process';
import { claims } from '../../spec';
import { pythonCommand } from '../../harness/adapters/process/adapter-commands';
import { liveProcessGroups } from '../../harness/adapters/process/process-group';
import { ProcessImplementation } from '../../harness/adapters/process/process-implementation';
import type { RunReport } from '../../harness/runner/report-model';
import { runClaims } from '../../harness/runner/runner';

/**
 * The greenlet and gevent claims against real greenlet and gevent. They are not in CPython's
 * standard library: Debian's python3-gevent (installed by .ci/run) puts them in Debian's own
 * /usr/bin/python3, which a python3 from a version manager (the one python.test.ts runs) cannot
 * see, so there they are not-applicable. This test runs the coroutine claims on the interpreter
 * that has them, so that CI judges the documents' greenlet and gevent listings on the real
 * modules rather than only on the reference's imitations.
 */

jest.setTimeout(300_000);

const CANDIDATES = [process.env.CONFORM_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => p !== undefined && p !== '');

function importsGevent(python: string): boolean {
  return spawnSync(python, ['-c', 'import greenlet, gevent'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
}

const python = CANDIDATES.find(importsGevent);
const coroutineClaims = claims.filter((c) => c.topic === 'coroutine');
const needsGevent = (c: (typeof claims)[number]) => c.capabilities.includes('greenlet') || c.capabilities.includes('gevent');

let report: RunReport;

beforeAll(async () => {
  if (python === undefined) return;
  const implementation = await ProcessImplementation.start({ command: pythonCommand({ ...process.env, CONFORM_PYTHON: python }) });
  try {
    report = await runClaims({ implementation, claims: coroutineClaims, seed: 20261203 });
  } finally {
    await implementation.close();
  }
});

describe('CPython with greenlet and gevent', () => {
  it('has an interpreter that imports greenlet and gevent (Debian python3-gevent, installed by .ci/run)', () => {
    expect({ tried: CANDIDATES, found: python }).toEqual({ tried: CANDIDATES, found: expect.any(String) });
  });

  it('offers the greenlet and gevent capabilities there', () => {
    expect(report.implementation.capabilities).toEqual(expect.arrayContaining(['greenlet', 'gevent']));
  });

  it('passes every coroutine claim it can run, the greenlet and gevent ones included', () => {
    const caps = new Set(report.implementation.capabilities);
    const applicable = coroutineClaims.filter((c) => c.check !== undefined && c.status !== 'pending' && c.capabilities.every((cap) => caps.has(cap)));
    expect(applicable.filter(needsGevent).length).toBeGreaterThanOrEqual(8);
    const ids = new Set(applicable.map((c) => c.id));
    const notPassed = report.claims.filter((r) => ids.has(r.id) && r.verdict !== 'pass').map((r) => `${r.id}: ${r.verdict}: ${r.message}`);
    expect(notPassed).toEqual([]);
  });

  it('leaves no adapter process behind', () => {
    expect(report.complete).toBe(true);
    expect(liveProcessGroups()).toEqual([]);
  });
});

import { claims } from '../../spec';
import { runClaims } from '../../harness/runner/runner';
import { ReferenceImplementation } from '../../harness/adapters/reference/reference';
import type { RunReport } from '../../harness/runner/report-model';

/**
 * The main job, as a test: the whole catalog against the reference implementation. Every claim
 * that has a check must pass; nothing may fail or error. Claims without a check are reported,
 * not run, and only for the reasons the catalog gives (pending, informational, contested).
 */

// The whole catalog takes about five minutes on two cores (processes, pools, programs, sockets),
// longer while other suites share the machine; scenario deadlines, not this, catch hangs.
jest.setTimeout(900_000);

let report: RunReport;
const reference = new ReferenceImplementation();

beforeAll(async () => {
  report = await runClaims({ implementation: reference, claims, seed: 20261123 });
});

afterAll(() => reference.close());

describe('the reference implementation', () => {
  it('completes the run', () => {
    expect(report.complete).toBe(true);
    expect(report.claims).toHaveLength(claims.length);
  });

  it('passes every claim that has a check and needs only what it provides', () => {
    const checked = new Set(claims.filter((c) => c.check && c.status !== 'pending' && c.capabilities.every((cap) => reference.capabilities.has(cap))).map((c) => c.id));
    expect(checked.size).toBeGreaterThanOrEqual(45);
    const notPassed = report.claims.filter((r) => checked.has(r.id) && r.verdict !== 'pass').map((r) => `${r.id}: ${r.verdict}: ${r.message}`);
    expect(notPassed).toEqual([]);
  });

  it('reports a claim it cannot express (e.g. binding without SO_REUSEADDR) as not-applicable, naming what it lacks', () => {
    const byId = new Map(claims.map((c) => [c.id, c]));
    const inexpressible = report.claims.filter((r) => {
      const c = byId.get(r.id)!;
      return c.check !== undefined && c.status !== 'pending' && c.capabilities.some((cap) => !reference.capabilities.has(cap));
    });
    for (const r of inexpressible) {
      const missing = byId.get(r.id)!.capabilities.filter((cap) => !reference.capabilities.has(cap));
      expect(`${r.id}: ${r.verdict}: ${r.message}`).toBe(`${r.id}: not-applicable: reference lacks: ${missing.join(', ')}`);
    }
    expect(inexpressible.map((r) => r.id)).toContain('tcp.address-in-use');
  });

  it('neither fails nor errors anywhere', () => {
    expect(report.summary.fail).toBe(0);
    expect(report.summary.error).toBe(0);
  });

  it('reports claims without a check for the reason the catalog gives', () => {
    const byId = new Map(claims.map((c) => [c.id, c]));
    for (const r of report.claims) {
      const c = byId.get(r.id)!;
      if (c.check && c.status !== 'pending') continue;
      const expected = c.status === 'pending' ? 'pending' : c.kind === 'informational' ? 'informational' : 'contested';
      expect(`${r.id}: ${r.verdict}`).toBe(`${r.id}: ${expected}`);
    }
  });
});

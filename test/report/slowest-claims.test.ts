import { timeSpent } from '../../harness/report/slowest-claims';
import { summaryText } from '../../harness/report/summary-text';
import { timeSection } from '../../harness/report/html/time-section';
import { summarize, type ClaimResult, type RunReport } from '../../harness/runner/report-model';

const source = { doc: 'd.txt', section: 's', quote: 'q' };

function claim(id: string, durationMs: number, verdict: ClaimResult['verdict'] = 'pass'): ClaimResult {
  return { id, title: id, topic: id.split('.')[0], kind: 'executable', level: 'MUST', verdict, durationMs, message: '', source };
}

function report(claims: ClaimResult[]): RunReport {
  return {
    formatVersion: 1,
    implementation: { name: 'ref', version: '1', runtime: 'node', capabilities: [] },
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:02.500Z',
    complete: true,
    seed: 1,
    repeatScale: 1,
    selection: [],
    summary: summarize(claims),
    claims,
  } as RunReport;
}

describe('where the time went', () => {
  const run = report([claim('a.fast', 10), claim('b.slow', 1500), claim('a.mid', 500), claim('b.tie', 500), claim('c.pending', 0, 'pending')]);

  it('lists the slowest claims, slowest first, ties by id, with the wall-clock and the claims sum', () => {
    const spent = timeSpent(run, 3);
    expect(spent.wallMs).toBe(2500);
    expect(spent.claimsMs).toBe(2510);
    expect(spent.slowest.map((c) => c.id)).toEqual(['b.slow', 'a.mid', 'b.tie']);
    expect(spent.slowestShare).toBeCloseTo(2500 / 2510);
  });

  it('is in the console summary and the HTML report', () => {
    const text = summaryText(run);
    expect(text).toMatch(/time: 2500 ms wall-clock, 2510 ms in claims; the 4 slowest took 100% of it:/);
    expect(text).toMatch(/\n {2}b\.slow\s+1500 ms\n/);
    expect(text).not.toMatch(/c\.pending\s+0 ms/);
    const section = timeSection([run])?.value ?? '';
    expect(section).toContain('Where the time went');
    expect(section).toContain('href="#claim-b.slow"');
    expect(timeSection([report([claim('x.none', 0, 'pending')])])).toBeUndefined();
  });
});

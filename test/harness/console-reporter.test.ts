import { PassThrough } from 'node:stream';
import { ConsoleReporter, wantsProgressBar } from '../../harness/report/console-reporter';
import type { ClaimResult, RunReport } from '../../harness/runner/report-model';
import { summarize } from '../../harness/runner/report-model';
import { capJson } from '../../harness/runner/evidence';

const source = { doc: 'd', section: 's', quote: 'q' };

function result(id: string, verdict: ClaimResult['verdict'], message = ''): ClaimResult {
  return { id, title: id, topic: id.split('.')[0], kind: 'executable', level: 'MUST', verdict, durationMs: 12.3, message, source };
}

function report(claims: ClaimResult[], complete = true): RunReport {
  return {
    formatVersion: 1,
    implementation: { name: 'impl', version: '1', runtime: 'node', capabilities: [] },
    startedAt: '',
    finishedAt: '',
    complete,
    seed: 5,
    repeatScale: 1,
    selection: [],
    summary: summarize(claims),
    claims,
  };
}

function capture(): { out: PassThrough & { isTTY?: boolean }; text: () => string } {
  const out = new PassThrough();
  let data = '';
  out.on('data', (chunk: Buffer) => (data += chunk.toString()));
  return { out, text: () => data };
}

describe('console reporter', () => {
  it('uses a progress bar only on a TTY outside CI', () => {
    expect(wantsProgressBar({ isTTY: true }, {})).toBe(true);
    expect(wantsProgressBar({ isTTY: true }, { CI: 'true' })).toBe(false);
    expect(wantsProgressBar({ isTTY: true }, { CI: 'false' })).toBe(true);
    expect(wantsProgressBar({ isTTY: false }, {})).toBe(false);
    expect(wantsProgressBar({}, {})).toBe(false);
  });

  it('prints one plain line per claim, messages for failures, and a summary by verdict and topic', () => {
    const { out, text } = capture();
    const reporter = new ConsoleReporter({ out, progress: false });
    const results = [result('lock.a', 'pass'), result('lock.b', 'fail', 'saw 2 holders\nat 3 ms'), result('queue.c', 'pending'), result('queue.d', 'not-applicable', 'impl lacks: tcp')];
    reporter.onRunStart({ implementation: { name: 'impl', version: '1', runtime: 'node', capabilities: [] }, total: 4, seed: 5 });
    results.forEach((r, i) => reporter.onClaimEnd(r, i, 4));
    reporter.onRunEnd(report(results));
    const lines = text().split('\n');
    expect(lines).toContain('[1/4] PASS       lock.a  (12 ms)');
    expect(lines).toContain('[2/4] FAIL       lock.b  (12 ms)');
    expect(lines).toContain('    saw 2 holders');
    expect(lines).toContain('[3/4] PENDING    queue.c');
    expect(lines).toContain('    impl lacks: tcp');
    expect(lines).toContain('4 claim(s): 1 pass, 1 fail, 1 not-applicable, 1 pending');
    expect(lines).toContain('  lock   1 pass, 1 fail');
    expect(lines).toContain('  queue  1 not-applicable, 1 pending');
    expect(lines).toContain('  FAIL lock.b: saw 2 holders');
  });

  it('says when a run is incomplete', () => {
    const { out, text } = capture();
    new ConsoleReporter({ out, progress: false }).onRunEnd(report([result('a.b', 'pass')], false));
    expect(text()).toMatch(/INCOMPLETE: the run was interrupted after 1 claim\(s\)/);
  });

  it('draws a progress bar and logs failures above it when asked to', () => {
    const { out, text } = capture();
    out.isTTY = true;
    const reporter = new ConsoleReporter({ out, progress: true });
    reporter.onRunStart({ implementation: { name: 'impl', version: '1', runtime: 'node', capabilities: [] }, total: 2, seed: 5 });
    reporter.onClaimEnd(result('lock.b', 'error', 'adapter threw'), 0, 2);
    reporter.onClaimEnd(result('lock.a', 'pass'), 1, 2);
    reporter.onRunEnd(report([result('lock.b', 'error', 'adapter threw'), result('lock.a', 'pass')]));
    expect(text()).toMatch(/ERROR\s+lock\.b  \(12 ms\)\n    adapter threw/); // logged above the bar as it happened
    expect(text()).toMatch(/2 claim\(s\): 1 pass, 1 error/);
  });
});

describe('evidence capping', () => {
  it('cuts long arrays and strings and drops non-JSON values', () => {
    const capped = capJson({ list: Array.from({ length: 150 }, (_, i) => i), text: 'x'.repeat(2_500), f: () => 1, n: Number.NaN, u: undefined }) as Record<string, unknown>;
    expect((capped.list as unknown[]).length).toBe(101);
    expect((capped.list as unknown[])[100]).toBe('…(50 more cut)');
    expect(capped.text).toMatch(/…\(500 characters cut\)$/);
    expect(capped.n).toBe('NaN');
    expect('f' in capped || 'u' in capped).toBe(false);
  });
});

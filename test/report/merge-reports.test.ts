import { mergeRuns, MergeError } from '../../harness/report/merge-reports';
import { reportFileOf, runsOf, ReportFileError } from '../../harness/report/report-file';
import { claimResult, runReport } from './report-fixtures';

const order = ['a.1', 'a.2', 'a.3', 'a.4', 'a.5'];
const position = (id: string) => {
  const i = order.indexOf(id);
  return i < 0 ? undefined : i;
};

describe('merging reports', () => {
  it('unites the shards of one implementation in catalog order, with summed counts', () => {
    const s1 = runReport([claimResult('a.1', 'pass'), claimResult('a.4', 'fail')], { shard: { index: 1, count: 3 }, planned: 2, startedAt: '2026-01-01T00:00:02.000Z' });
    const s2 = runReport([claimResult('a.2', 'pass'), claimResult('a.5', 'pending')], { shard: { index: 2, count: 3 }, planned: 2, finishedAt: '2026-01-01T00:00:09.000Z' });
    const s3 = runReport([claimResult('a.3', 'error')], { shard: { index: 3, count: 3 }, planned: 1 });
    const [merged, ...rest] = mergeRuns([{ file: 'c.json', runs: [s3] }, { file: 'a.json', runs: [s1] }, { file: 'b.json', runs: [s2] }], position);
    expect(rest).toEqual([]);
    expect(merged.claims.map((c) => `${c.id}:${c.verdict}`)).toEqual(['a.1:pass', 'a.2:pass', 'a.3:error', 'a.4:fail', 'a.5:pending']);
    expect(merged.summary).toMatchObject({ total: 5, pass: 2, fail: 1, error: 1, pending: 1 });
    expect(merged).toMatchObject({ complete: true, planned: 5, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:09.000Z' });
    expect(merged.shard).toBeUndefined();
    expect(merged.mergedFrom?.map((m) => m.file)).toEqual(['c.json', 'a.json', 'b.json']);
  });

  it('marks a merge with a missing shard incomplete, and refuses a claim given twice or mixed shardings', () => {
    const s1 = runReport([claimResult('a.1', 'pass')], { shard: { index: 1, count: 2 } });
    expect(mergeRuns([{ file: 'a', runs: [s1] }], position)[0].complete).toBe(false);
    expect(() => mergeRuns([{ file: 'a', runs: [s1] }, { file: 'b', runs: [s1] }], position)).toThrow(MergeError);
    expect(() => mergeRuns([{ file: 'a', runs: [s1] }, { file: 'b', runs: [runReport([claimResult('a.2', 'pass')])] }], position)).toThrow(/mix different shardings/);
  });

  it('keeps different implementations apart, as the columns of a matrix, and drops baseline marks', () => {
    const ref = runReport([claimResult('a.1', 'pass', { baseline: { status: 'expected', expected: ['pass'], reason: 'x' } })], { baseline: { file: 'b', ok: true, counts: { expected: 1, 'new-failure': 0, 'unexpected-pass': 0, 'unexpected-verdict': 0 } } }, 'reference');
    const py = runReport([claimResult('a.1', 'fail'), claimResult('zz.unknown', 'pass')], {}, 'python');
    const runs = mergeRuns([{ file: 'r', runs: [ref] }, { file: 'p', runs: [py] }], position);
    expect(runs.map((r) => r.implementation.name)).toEqual(['reference', 'python']);
    expect(runs[0].claims[0].baseline).toBeUndefined();
    expect(runs[0].baseline).toBeUndefined();
    expect(runs[1].claims.map((c) => c.id)).toEqual(['a.1', 'zz.unknown']);
    // report.json of several runs reads back as the same runs.
    expect(runsOf(JSON.parse(JSON.stringify(reportFileOf(runs))), 'x')).toEqual(runs);
    expect(runsOf(JSON.parse(JSON.stringify(reportFileOf([py]))), 'x')).toEqual([py]);
  });

  it('rejects files that are not conform reports', () => {
    expect(() => runsOf({ hello: 1 }, 'f.json')).toThrow(ReportFileError);
    expect(() => runsOf({ formatVersion: 1, implementation: { name: 'x' }, claims: [{ id: 'a' }], complete: true }, 'f.json')).toThrow(/lacks an id or a verdict/);
    expect(() => runsOf([], 'f.json')).toThrow(/report format undefined/);
  });
});

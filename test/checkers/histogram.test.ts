import type { OutcomeGrading } from '../../spec/claim';
import type { ScenarioResult } from '../../harness/scenario/result';
import { buildHistogram, checkHistogram } from '../../harness/checkers';
import { result } from './history-builder';

/** The documents' racy counter: 100 increments by two threads; anything below 100 is a lost update. */
const counter: OutcomeGrading = {
  key: (run) => {
    const n = run.final.cells['n'];
    if (n === undefined) throw new Error(`no final value for n (status ${run.status})`);
    return String(n);
  },
  grade: (key) => (Number(key) === 100 ? 'acceptable' : Number(key) < 100 ? 'interesting' : 'forbidden'),
  mustSee: ['interesting'],
  describe: { interesting: 'lost updates', forbidden: 'more increments than performed' },
};

const runs = (...counts: Array<[number, number]>): ScenarioResult[] =>
  counts.flatMap(([n, times]) => Array.from({ length: times }, () => result('completed', [], [], { n })));

describe('outcome histograms', () => {
  it('counts keys most frequent first', () => {
    expect(buildHistogram(runs([98, 3], [100, 37], [99, 3]), counter).entries).toEqual([
      { key: '100', count: 37, grade: 'acceptable' },
      { key: '98', count: 3, grade: 'interesting' },
      { key: '99', count: 3, grade: 'interesting' },
    ]);
  });

  it('passes when the race was seen and nothing forbidden was', () => {
    const j = checkHistogram(runs([100, 37], [98, 3]), counter);
    expect(j.ok).toBe(true);
    expect(j.message).toBe('100 ×37, 98 ×3 (interesting: lost updates); forbidden none');
    expect(j.evidence).toEqual({
      runs: 40,
      histogram: [
        { key: '100', count: 37, grade: 'acceptable' },
        { key: '98', count: 3, grade: 'interesting' },
      ],
      missing: [],
      unreadable: [],
    });
  });

  it('fails on a forbidden outcome', () => {
    const j = checkHistogram(runs([100, 10], [98, 1], [101, 2]), counter);
    expect(j.ok).toBe(false);
    expect(j.message).toBe('100 ×10, 101 ×2 (forbidden: more increments than performed), 98 ×1 (interesting: lost updates); forbidden seen: 101 ×2');
  });

  it('fails when a grade that must be seen never was', () => {
    const j = checkHistogram(runs([100, 40]), counter);
    expect(j.ok).toBe(false);
    expect(j.message).toBe('100 ×40; forbidden none; never saw interesting: lost updates in 40 runs');
  });

  it('fails on runs that cannot be reduced to a key, and on no runs at all', () => {
    const j = checkHistogram([...runs([98, 1]), result('crashed', [])], counter);
    expect(j.ok).toBe(false);
    expect(j.message).toContain('1 run(s) had no outcome key (run 1: no final value for n (status crashed))');
    expect(checkHistogram([], counter)).toMatchObject({ ok: false, message: 'no runs to judge' });
  });
});

import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyBaseline, failsGate, markOf, passesGate } from '../../harness/gate/baseline-compare';
import { BaselineError, parseBaseline, readBaseline, writeBaseline, type Baseline } from '../../harness/gate/baseline-file';
import { updateBaseline } from '../../harness/gate/baseline-update';
import { claimResult, runReport } from './report-fixtures';

const baseline = (entries: Baseline['implementations'][string], impl = 'impl'): Baseline => ({ version: 1, implementations: { [impl]: entries } });

describe('comparing a result with a baseline entry', () => {
  it('classifies every combination of verdict and entry', () => {
    const fail = { expected: 'fail' as const, reason: 'r' };
    const flaky = { expected: ['pass' as const, 'fail' as const], reason: 'r' };
    expect(markOf({ verdict: 'pass' }, undefined)).toBeUndefined();
    expect(markOf({ verdict: 'pending' }, undefined)).toBeUndefined();
    expect(markOf({ verdict: 'fail' }, undefined)).toEqual({ status: 'new-failure', expected: [] });
    expect(markOf({ verdict: 'error' }, undefined)).toEqual({ status: 'new-failure', expected: [] });
    expect(markOf({ verdict: 'fail' }, fail)).toEqual({ status: 'expected', expected: ['fail'], reason: 'r' });
    expect(markOf({ verdict: 'pass' }, fail)).toMatchObject({ status: 'unexpected-pass' });
    expect(markOf({ verdict: 'error' }, fail)).toMatchObject({ status: 'unexpected-verdict' });
    expect(markOf({ verdict: 'pending' }, fail)).toMatchObject({ status: 'unexpected-verdict' });
    expect(markOf({ verdict: 'pass' }, flaky)).toMatchObject({ status: 'expected', expected: ['pass', 'fail'] });
    expect(markOf({ verdict: 'fail' }, flaky)).toMatchObject({ status: 'expected' });
    expect(markOf({ verdict: 'fail' }, { expected: 'pending', reason: 'r' })).toMatchObject({ status: 'new-failure' });
  });

  it('gates a run: known failures pass, new failures and unexpected passes fail, other implementations are ignored', () => {
    const run = runReport([claimResult('a.known', 'fail'), claimResult('a.fine', 'pass'), claimResult('a.flaky', 'pass')]);
    const known = baseline({ 'a.known': { expected: 'fail', reason: 'bug 1' }, 'a.flaky': { expected: ['pass', 'fail'], reason: 'timing' }, 'a.elsewhere': { expected: 'fail', reason: 'other shard' } });
    const gated = applyBaseline(run, known, 'b.json');
    expect(gated.baseline).toEqual({ file: 'b.json', ok: true, counts: { expected: 2, 'new-failure': 0, 'unexpected-pass': 0, 'unexpected-verdict': 0 } });
    expect(passesGate(gated)).toBe(true);
    expect(gated.claims.map((c) => c.verdict)).toEqual(['fail', 'pass', 'pass']); // still run and reported as they are
    expect(failsGate(gated.claims[0], gated)).toBe(false);
    expect(failsGate(gated.claims[0], run)).toBe(true); // without a baseline a failure is a failure

    const stale = applyBaseline(runReport([claimResult('a.known', 'pass')]), known, 'b.json');
    expect(stale.baseline?.ok).toBe(false);
    expect(stale.claims[0].baseline).toMatchObject({ status: 'unexpected-pass', reason: 'bug 1' });
    expect(passesGate(stale)).toBe(false);

    const fresh = applyBaseline(runReport([claimResult('a.new', 'error')]), known, 'b.json');
    expect(fresh.baseline?.counts['new-failure']).toBe(1);
    expect(passesGate(fresh)).toBe(false);

    const otherImpl = applyBaseline(runReport([claimResult('a.known', 'fail')], {}, 'python'), known, 'b.json');
    expect(otherImpl.claims[0].baseline).toMatchObject({ status: 'new-failure' });
  });

  it('never lets an incomplete run pass the gate', () => {
    expect(passesGate(applyBaseline(runReport([claimResult('a.x', 'pass')], { complete: false }), baseline({}), 'b'))).toBe(false);
  });
});

describe('the baseline file', () => {
  it('requires a reason for every entry and known verdicts', () => {
    expect(() => parseBaseline(baseline({ 'a.x': { expected: 'fail', reason: 'ok' } }), 'f')).not.toThrow();
    expect(() => parseBaseline({ version: 1, implementations: { i: { 'a.x': { expected: 'fail' } } } }, 'f')).toThrow(/must have required property 'reason'/);
    expect(() => parseBaseline({ version: 1, implementations: { i: { 'a.x': { expected: 'fail', reason: '  ' } } } }, 'f')).toThrow(BaselineError);
    expect(() => parseBaseline({ version: 1, implementations: { i: { 'a.x': { expected: 'broken', reason: 'r' } } } }, 'f')).toThrow(/not a valid baseline/);
    expect(() => parseBaseline({ version: 1, implementations: { i: { 'a.x': { expected: [], reason: 'r' } } } }, 'f')).toThrow(BaselineError);
    expect(() => parseBaseline({ version: 2, implementations: {} }, 'f')).toThrow(BaselineError);
  });

  it('round-trips through a file, sorted', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'conform-baseline-'));
    try {
      const file = path.join(dir, 'b.json');
      await writeBaseline(file, { version: 1, implementations: { z: { 'b.y': { expected: 'error', reason: 'r2' }, 'a.x': { expected: ['pass', 'fail'], reason: 'r1' } }, empty: {} } });
      const text = await fs.readFile(file, 'utf8');
      expect(text.indexOf('a.x')).toBeLessThan(text.indexOf('b.y'));
      expect(await readBaseline(file)).toEqual({ version: 1, implementations: { z: { 'a.x': { expected: ['pass', 'fail'], reason: 'r1' }, 'b.y': { expected: 'error', reason: 'r2' } } } });
      await fs.writeFile(file, '{ not json');
      await expect(readBaseline(file)).rejects.toThrow(/not valid JSON/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('updating a baseline from reports', () => {
  const reason = (id: string) => `new: ${id}`;

  it('adds failures, removes passes, keeps reasons, and records intermittent results over several runs', () => {
    const previous = baseline({ 'a.kept': { expected: 'fail', reason: 'old reason' }, 'a.fixed': { expected: 'fail', reason: 'was broken' }, 'a.unreached': { expected: 'fail', reason: 'other shard' } });
    const first = runReport([claimResult('a.kept', 'fail'), claimResult('a.fixed', 'pass'), claimResult('a.new', 'error'), claimResult('a.flaky', 'pass')]);
    const second = runReport([claimResult('a.flaky', 'fail')]);
    const { baseline: next, changes } = updateBaseline(previous, [first, second], reason);
    expect(next.implementations.impl).toEqual({
      'a.kept': { expected: 'fail', reason: 'old reason' },
      'a.unreached': { expected: 'fail', reason: 'other shard' },
      'a.new': { expected: 'error', reason: 'new: a.new' },
      'a.flaky': { expected: ['fail', 'pass'], reason: 'new: a.flaky' },
    });
    expect(changes).toEqual([
      { implementation: 'impl', claim: 'a.fixed', change: 'removed' },
      { implementation: 'impl', claim: 'a.new', change: 'added', expected: ['error'] },
      { implementation: 'impl', claim: 'a.flaky', change: 'added', expected: ['fail', 'pass'] },
    ]);
    // The updated baseline makes both runs pass the gate.
    for (const run of [first, second]) expect(passesGate(applyBaseline(run, next, 'b'))).toBe(true);
  });

  it('keeps an intermittent entry that still covers what was seen', () => {
    const previous = baseline({ 'a.flaky': { expected: ['pass', 'fail'], reason: 'timing' } });
    expect(updateBaseline(previous, [runReport([claimResult('a.flaky', 'pass')])], reason).changes).toEqual([]);
    const widened = updateBaseline(previous, [runReport([claimResult('a.flaky', 'error')])], reason);
    expect(widened.baseline.implementations.impl['a.flaky']).toEqual({ expected: ['error', 'fail', 'pass'], reason: 'timing' });
  });
});

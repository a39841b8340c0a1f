import { Parser, type FinalResults } from 'tap-parser';
import { applyBaseline } from '../../harness/gate/baseline-compare';
import type { Baseline } from '../../harness/gate/baseline-file';
import { renderTap } from '../../harness/report/tap-report';
import { claimResult, runReport } from './report-fixtures';

/** report.tap is checked with the tap ecosystem's own parser, in strict mode (any non-TAP line fails). */

function parse(tap: string): FinalResults {
  let final: FinalResults | undefined;
  const parser = new Parser({ strict: true }, (results) => (final = results));
  parser.end(tap);
  if (final === undefined) throw new Error('the parser did not finish');
  return final;
}

const mixed = () =>
  runReport([
    claimResult('lock.a', 'pass'),
    claimResult('lock.b', 'fail', { message: 'saw 2 holders\nat 3 ms', replay: 'npx conform run --claims lock.b --replay 5', seed: 5 }),
    claimResult('queue.c', 'error'),
    claimResult('queue.d', 'pending'),
    claimResult('queue.e', 'not-applicable'),
    claimResult('other.f', 'informational'),
    claimResult('other.g', 'contested'),
  ]);

describe('TAP 14 report', () => {
  it('is valid TAP with one test point per claim: failures not ok, unrun claims skipped', () => {
    const tap = renderTap([mixed()]);
    expect(tap.startsWith('TAP version 14\n')).toBe(true);
    const r = parse(tap);
    expect(r.plan).toMatchObject({ start: 1, end: 7 });
    expect(r).toMatchObject({ ok: false, count: 7, pass: 5, fail: 2, skip: 4, todo: 0, bailout: false });
    expect(r.failures.map((f) => f.name)).toEqual(['lock.b: title of lock.b', 'queue.c: title of queue.c']);
    const diag = r.failures[0].diag as Record<string, unknown>;
    expect(diag).toMatchObject({ verdict: 'fail', message: 'saw 2 holders\nat 3 ms', replay: 'npx conform run --claims lock.b --replay 5', seed: 5 });
    expect(r.skips.map((s) => s.skip)).toEqual(['pending: pending message of queue.d', 'not-applicable: not-applicable message of queue.e', 'informational: informational message of other.f', 'contested: contested message of other.g']);
  });

  it('passes as a whole when nothing failed', () => {
    const r = parse(renderTap([runReport([claimResult('a.x', 'pass'), claimResult('a.y', 'pending')])]));
    expect(r).toMatchObject({ ok: true, count: 2, pass: 2, fail: 0, skip: 1 });
  });

  it('escapes # and backslashes and joins lines in descriptions, so no directive is forged', () => {
    const run = runReport([claimResult('a.x', 'pass', { title: 'uses # SKIP and \\ back\nslash' })]);
    const r = parse(renderTap([run]));
    expect(r).toMatchObject({ ok: true, pass: 1, skip: 0 });
    const names: string[] = [];
    const parser = new Parser({ strict: true });
    parser.on('assert', (res: { name: string }) => names.push(res.name));
    parser.end(renderTap([run]));
    expect(names).toEqual(['a.x: uses # SKIP and \\ back slash']);
  });

  it('writes a known failure as TODO (it ran and failed as expected) and an unexpected pass as not ok', () => {
    const baseline: Baseline = {
      version: 1,
      implementations: { impl: { 'lock.b': { expected: 'fail', reason: 'bug 12' }, 'lock.a': { expected: 'fail', reason: 'stale' } } },
    };
    const run = applyBaseline(runReport([claimResult('lock.a', 'pass'), claimResult('lock.b', 'fail')]), baseline, 'b.json');
    const tap = renderTap([run]);
    const r = parse(tap);
    expect(r).toMatchObject({ count: 2, todo: 1, fail: 2, ok: false });
    expect(r.todos.map((t) => [t.name, t.todo])).toEqual([['lock.b: title of lock.b', 'known failure (baseline): bug 12']]);
    // The only real failure is the unexpected pass; a TODO failure does not fail a TAP stream.
    expect(r.failures.filter((f) => !f.todo).map((f) => f.name)).toEqual(['lock.a: title of lock.a']);
    expect(tap).toMatch(/baseline: "unexpected-pass"/);
  });

  it('plans every claim of an interrupted run and bails out after the finished ones', () => {
    const run = runReport([claimResult('a.x', 'pass')], { complete: false, planned: 4 });
    const r = parse(renderTap([run]));
    expect(r.ok).toBe(false);
    expect(r.bailout).toBe('the run was interrupted after 1 of 4 claim(s)');
    expect(r.plan).toMatchObject({ start: 1, end: 4 });
  });

  it('gives each implementation of a merged report a subtest that passes or fails with its run', () => {
    const good = runReport([claimResult('a.x', 'pass')], {}, 'good');
    const bad = runReport([claimResult('a.x', 'fail')], {}, 'bad');
    const partial = runReport([claimResult('a.x', 'pass')], { complete: false, planned: 2 }, 'partial');
    const tap = renderTap([good, bad, partial]);
    const r = parse(tap);
    expect(r).toMatchObject({ count: 3, pass: 1, fail: 2, bailout: false });
    expect(r.failures.map((f) => f.name)).toEqual(['bad 1.0 (test)', 'partial 1.0 (test)']);
    expect(tap).toMatch(/^# Subtest: good 1\.0 \(test\)\n {4}# conform: good/m);
  });
});

import { renderSuiteSection, replaceSuiteSection, suiteSectionOf, SUITE_HEADING, type SuiteTimings } from '../../bench/suite-timing-doc';

const timings: SuiteTimings = {
  date: '2026-12-04T01:00:00.000Z',
  cores: 2,
  loadAverage: 3.2,
  runs: [
    { impl: 'reference', runtime: 'node v20', concurrency: 2, timeScale: 1, exitCode: 0, processMs: 75_000, wallMs: 74_000, claimsMs: 120_000, claims: 300, summary: { pass: 250, fail: 0, error: 0 }, slowest: [{ id: 'a.slow', verdict: 'pass', durationMs: 12_000 }], byShape: [{ shape: 'example programs', isolation: 'shared', claims: 3, ms: 60_000 }], failed: [], targetMs: 60_000 },
    { impl: 'python', runtime: 'CPython 3.11', concurrency: 2, timeScale: 1, exitCode: 0, processMs: 100_000, wallMs: 99_000, claimsMs: 150_000, claims: 300, summary: { pass: 200, fail: 0, error: 0 }, slowest: [], byShape: [], failed: [], targetMs: 120_000 },
  ],
};

describe('the suite timing section of PERFORMANCE.md', () => {
  it('says per implementation whether the target was met and by how much, with the slowest claims', () => {
    const text = renderSuiteSection(timings);
    expect(text).toContain('target 60.0 s missed by 15.0 s (25% over)');
    expect(text).toContain('target 120.0 s met (20.0 s to spare)');
    expect(text).toContain('| `a.slow` | pass | 12.0 s | 10.0% |');
    expect(text).toContain('| example programs | beside others | 3 | 60.0 s | 50% |');
  });

  it('names the claims whose verdict differs between runs of one implementation', () => {
    const [ref] = timings.runs;
    const twice: SuiteTimings = { ...timings, runs: [ref, { ...ref, concurrency: 3, failed: [{ id: 'b.flaky', verdict: 'fail' }] }, { ...timings.runs[1] }] };
    const text = renderSuiteSection(twice);
    expect(text).toContain('- reference: 1 claim(s) differ between runs: `b.flaky` pass (concurrency 2, time scale 1) / fail (concurrency 3, time scale 1).');
    expect(text).not.toContain('- python:');
    expect(renderSuiteSection({ ...timings, runs: [ref, ref] })).toContain('- reference: every verdict is the same in all 2 runs.');
  });

  it('replaces only its own section, and appends it when missing', () => {
    const doc = `# Performance\n\n## Results\n\nr\n\n${SUITE_HEADING}\n\nold\n\n## Later\n\nl\n`;
    const replaced = replaceSuiteSection(doc, timings);
    expect(replaced).toContain('## Results\n\nr\n');
    expect(replaced).toContain('## Later\n\nl\n');
    expect(replaced).not.toContain('\nold\n');
    expect(suiteSectionOf(replaced)).toBe(renderSuiteSection(timings));
    const appended = replaceSuiteSection('# Performance\n', timings);
    expect(appended.startsWith('# Performance\n\n## The suite itself')).toBe(true);
    expect(suiteSectionOf('# nothing\n')).toBeUndefined();
  });
});

import { claims as catalog } from '../../spec';
import { applyBaseline } from '../../harness/gate/baseline-compare';
import { renderHtmlReport } from '../../harness/report/html/html-report';
import { TIMELINE_BUDGET_BYTES } from '../../harness/report/html/timeline-data';
import type { ClaimResult, RunReport, Verdict } from '../../harness/runner/report-model';
import { claimResult, runReport, timeline } from './report-fixtures';

/** The HTML report as text: self-contained, escaped, complete, and small. The browser test opens it for real. */

function timelineData(page: string): Record<string, unknown> {
  const m = /<script type="application\/json" id="conform-timelines">([\s\S]*?)<\/script>/.exec(page);
  if (m === null) throw new Error('no timeline data in the page');
  return JSON.parse(m[1]) as Record<string, unknown>;
}

const hostile = '</script><script>alert(1)</script><img src=x onerror=alert(2)>';

describe('the HTML report', () => {
  const run = runReport([
    claimResult('lock.a', 'pass', { timelines: [timeline(2, 3)] }),
    claimResult('lock.b', 'fail', { title: `title ${hostile}`, message: `message ${hostile}`, replay: 'npx conform run --claims lock.b --replay 5', seed: 5, timelines: [{ ...timeline(2, 2), scenario: hostile, ops: [{ actor: 0, f: hostile, start: 0, outcome: 'fail', detail: hostile }] }] }),
    claimResult('race.c', 'pass', {
      outcomes: { runs: 40, entries: [{ key: '100', count: 37, grade: 'acceptable' }, { key: '99', count: 3, grade: 'interesting' }], missing: [], describe: { interesting: 'lost updates' } },
    }),
    claimResult('gen.d', 'fail', { counterexample: { scenario: { version: 1, name: 'smallest', timeUnitMs: 1, deadlineMs: 10, objects: {}, actors: [] }, message: 'two writers', shrinks: 4 }, seed: 9 }),
    claimResult('load.e', 'pass', { measurements: [{ name: 'throughput', unit: 'ops/s', values: [{ label: '1 client', value: 1200, min: 1000, max: 1300 }, { label: '8 clients', value: 5400 }] }] }),
    claimResult('other.f', 'contested', { contest: { says: 'the header is 18 bytes', actually: 'it is 14 bytes', evidence: 'IEEE 802.3' } }),
    claimResult('other.g', 'informational'),
  ]);
  const page = renderHtmlReport({
    runs: [run],
    bench: { date: '2026-01-01', figures: [{ id: 'lock', title: 'Lock pairs', unit: 'pairs/s', reference: { median: 2e7, min: 1e7, max: 3e7 }, cpython: { median: 3e6, min: 2e6, max: 4e6 } }] },
  });

  it('is one self-contained file: no external resources, and a policy that forbids fetching any', () => {
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;;/);
    expect(page).not.toMatch(/<(script|img|link|iframe|audio|video|source)\b[^>]*\s(src|href)=/i);
    expect(page).not.toMatch(/@import|url\(|@font-face|https?:\/\/(?!www\.w3\.org\/2000\/svg')/i); // the SVG namespace is a name, not a fetch
    expect(page.match(/<script\b/g)).toHaveLength(2); // the data and the page's own script
  });

  it('escapes everything that comes from a report, in markup and in the embedded data', () => {
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('title &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    const data = timelineData(page);
    expect(JSON.stringify(data)).toContain(hostile); // intact once parsed back
  });

  it('shows each claim with its source, verdicts, evidence and replay command', () => {
    expect(page.match(/<tr class="claim/g)).toHaveLength(7);
    expect(page).toContain('原文 &lt;quote&gt; &amp; &quot;引号&quot;');
    expect(page).toContain('doc.txt § 第一节');
    expect(page).toContain('<code>npx conform run --claims lock.b --replay 5</code>');
    expect(page).toMatch(/<table class="histogram"><caption>Outcomes over 40 runs<\/caption>/);
    expect(page).toMatch(/<tr class="grade-interesting"><td><code>99<\/code><\/td>/);
    expect(page).toMatch(/Minimal failing scenario<\/strong>, seed 9, after 4 shrinking step\(s\): two writers/);
    expect(page).toMatch(/aria-label="throughput"/);
    expect(page).toMatch(/<dt>The document says<\/dt><dd>the header is 18 bytes<\/dd><dt>What real systems do<\/dt><dd>it is 14 bytes<\/dd>/);
    expect(page).toMatch(/tr class="claim contested"/);
    expect(page).toMatch(/<section id="bench"><h2>Benchmarks<\/h2>/);
    expect(page).toMatch(/aria-label="Lock pairs"/);
    expect(Object.keys(timelineData(page))).toEqual(['0/lock.b/0', '0/lock.a/0']); // failing claims first
  });

  it('charts the load-test results of reports/load.json in a section of their own', () => {
    const withLoad = renderHtmlReport({
      runs: [run],
      load: { date: '2026-01-02', figures: [{ id: 'sleep.throughput', title: 'Throughput, I/O-bound handler', unit: 'requests/s', 'serial c=1': { median: 45, min: 45, max: 45 }, 'event-loop c=8': { median: 350, min: 350, max: 350 } }] },
    });
    expect(withLoad).toMatch(/<section id="load"><h2>Load tests<\/h2>/);
    expect(withLoad).toMatch(/aria-label="Throughput, I\/O-bound handler"/);
    expect(renderHtmlReport({ runs: [run], loadProblem: 'reports/load.json is not a benchmark report' })).toContain('reports/load.json is not a benchmark report');
    expect(page).not.toContain('<section id="load">');
  });

  it('says when a run is incomplete or a baseline was not met', () => {
    const partial = renderHtmlReport({ runs: [runReport([claimResult('a.x', 'pass')], { complete: false, planned: 9 })] });
    expect(partial).toMatch(/INCOMPLETE\. The run was interrupted after 1 of 9 claims/);
    const gated = applyBaseline(runReport([claimResult('a.x', 'pass')]), { version: 1, implementations: { impl: { 'a.x': { expected: 'fail', reason: 'old bug' } } } }, 'b.json');
    const stale = renderHtmlReport({ runs: [gated] });
    expect(stale).toMatch(/against b\.json: 0 new failure\(s\), 1 unexpected pass\(es\)/);
    expect(stale).toMatch(/Unexpected pass: the baseline expects fail \(old bug\)/);
  });

  it('stays within a few megabytes for the full catalog over four implementations with heavy timelines', () => {
    const verdicts: Verdict[] = ['pass', 'fail', 'pass', 'error'];
    const runs: RunReport[] = ['reference', 'python', 'pypy', 'other'].map((name, i) =>
      runReport(
        catalog.map((c, k): ClaimResult => {
          // As if every executable claim ran, pending ones included (as they will once their issues land).
          const executable = c.kind === 'executable';
          const verdict: Verdict = executable ? verdicts[(i + k) % verdicts.length] : c.kind === 'contested' ? 'contested' : 'informational';
          return {
            ...claimResult(c.id, verdict, { title: c.title, topic: c.topic, kind: c.kind, source: c.source, message: `${verdict}: ${c.title}` }),
            ...(executable ? { timelines: [timeline(16, 10), timeline(8, 10)], evidence: { runs: [{ scenario: 's', runs: 3, statuses: { completed: 3 } }], judge: { seen: 'x'.repeat(200) } } } : {}),
          };
        }),
        {},
        name,
      ),
    );
    const big = renderHtmlReport({ runs });
    expect(big.match(/<tr class="claim/g)).toHaveLength(catalog.length);
    expect(JSON.stringify(timelineData(big)).length).toBeLessThanOrEqual(TIMELINE_BUDGET_BYTES);
    expect(Buffer.byteLength(big)).toBeLessThan(5 * 1024 * 1024);
    // Failing claims keep their timelines when the budget runs out; some passing ones lose theirs.
    expect(big).toMatch(/Not embedded, to keep this page small/);
  });
});

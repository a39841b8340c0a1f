import type { Document, Element } from '@oozcitak/dom/lib/dom/interfaces';
import { create } from 'xmlbuilder2';
import { applyBaseline } from '../../harness/gate/baseline-compare';
import { renderJunit } from '../../harness/report/junit-report';
import type { RunReport } from '../../harness/runner/report-model';
import { claimResult, runReport } from './report-fixtures';

/** junit.xml is parsed back as XML (a malformed document throws) and read through the DOM. */

interface Case {
  classname: string | null;
  name: string | null;
  outcome?: string;
  type?: string | null;
  message?: string | null;
  text?: string | null;
}

function parse(xml: string) {
  const doc = create(xml).node as unknown as Document;
  const root = doc.documentElement!;
  const elements = (scope: Document | Element, tag: string): Element[] => Array.from(scope.getElementsByTagName(tag) as unknown as Iterable<Element>);
  const suites = elements(doc, 'testsuite').map((suite) => ({
    name: suite.getAttribute('name'),
    counts: Object.fromEntries(['tests', 'failures', 'errors', 'skipped'].map((k) => [k, Number(suite.getAttribute(k))])),
    properties: Object.fromEntries(elements(suite, 'property').map((p) => [p.getAttribute('name'), p.getAttribute('value')])),
    cases: elements(suite, 'testcase').map((tc): Case => {
      const child = tc.firstElementChild;
      return {
        classname: tc.getAttribute('classname'),
        name: tc.getAttribute('name'),
        ...(child === null ? {} : { outcome: child.tagName, type: child.getAttribute('type'), message: child.getAttribute('message'), text: child.textContent }),
      };
    }),
  }));
  return { root: { name: root.tagName, tests: Number(root.getAttribute('tests')), failures: Number(root.getAttribute('failures')), errors: Number(root.getAttribute('errors')) }, suites };
}

const mixed = (): RunReport =>
  runReport([
    claimResult('lock.a', 'pass'),
    claimResult('lock.b', 'fail', { message: 'saw <2> holders & "more"\nline two', replay: "npx conform run --claims lock.b --replay 5 --impl 'cmd:x y'" }),
    claimResult('queue.c', 'error', { message: 'adapter threw \u0007 bell' }),
    claimResult('queue.d', 'pending'),
    claimResult('other.f', 'informational'),
  ]);

describe('JUnit XML report', () => {
  it('has one testsuite per run and one testcase per claim, classname = topic and name = id', () => {
    const { root, suites } = parse(renderJunit([mixed()]));
    expect(root).toEqual({ name: 'testsuites', tests: 5, failures: 1, errors: 1 });
    expect(suites).toHaveLength(1);
    expect(suites[0].counts).toEqual({ tests: 5, failures: 1, errors: 1, skipped: 2 });
    expect(suites[0].properties).toMatchObject({ implementation: 'impl', seed: '5', complete: 'true' });
    expect(suites[0].cases.map((c) => [c.classname, c.name, c.outcome])).toEqual([
      ['lock', 'lock.a', undefined],
      ['lock', 'lock.b', 'failure'],
      ['queue', 'queue.c', 'error'],
      ['queue', 'queue.d', 'skipped'],
      ['other', 'other.f', 'skipped'],
    ]);
  });

  it('keeps messages intact through XML escaping and replaces characters XML cannot hold', () => {
    const cases = parse(renderJunit([mixed()])).suites[0].cases;
    expect(cases[1].message).toBe('saw <2> holders & "more"');
    expect(cases[1].text).toContain('saw <2> holders & "more"\nline two');
    expect(cases[1].text).toContain("replay: npx conform run --claims lock.b --replay 5 --impl 'cmd:x y'");
    expect(cases[2].message).toBe('adapter threw \uFFFD bell');
  });

  it('is well-formed XML 1.0: no control characters anywhere', () => {
    const xml = renderJunit([mixed()]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it('writes a known failure as skipped type="expected-failure" with what it showed, and an unexpected pass as a failure', () => {
    const run = applyBaseline(
      runReport([claimResult('lock.a', 'pass'), claimResult('lock.b', 'fail', { message: 'still broken' }), claimResult('lock.c', 'error')]),
      { version: 1, implementations: { impl: { 'lock.a': { expected: 'fail', reason: 'was broken' }, 'lock.b': { expected: 'fail', reason: 'bug 7' } } } },
      'baseline.json',
    );
    const { suites } = parse(renderJunit([run]));
    const [a, b, c] = suites[0].cases;
    expect(a).toMatchObject({ outcome: 'failure', type: 'unexpected-pass' });
    expect(a.message).toMatch(/baseline expects fail \(was broken\)/);
    expect(b).toMatchObject({ outcome: 'skipped', type: 'expected-failure', message: 'known failure (baseline): bug 7' });
    expect(b.text).toContain('still broken');
    expect(c).toMatchObject({ outcome: 'error', type: 'error' });
    expect(suites[0].counts).toEqual({ tests: 3, failures: 1, errors: 1, skipped: 1 });
    expect(suites[0].properties).toMatchObject({ baseline: 'baseline.json' });
  });

  it('adds an errored testcase to an interrupted run', () => {
    const { suites } = parse(renderJunit([runReport([claimResult('a.x', 'pass')], { complete: false, planned: 3 })]));
    expect(suites[0].counts).toEqual({ tests: 2, failures: 0, errors: 1, skipped: 0 });
    expect(suites[0].cases[1]).toMatchObject({ name: '(run interrupted)', outcome: 'error', message: 'the run was interrupted after 1 of 3 claim(s); the report holds only those' });
  });

  it('sums several implementations on the root', () => {
    const { root, suites } = parse(renderJunit([mixed(), runReport([claimResult('a.x', 'fail')], {}, 'other')]));
    expect(suites.map((s) => s.name)).toEqual(['impl 1.0 (test)', 'other 1.0 (test)']);
    expect(root).toEqual({ name: 'testsuites', tests: 6, failures: 2, errors: 1 });
  });
});

import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { failsGate } from '../gate/baseline-compare';
import { isFailure, type ClaimResult, type RunReport } from '../runner/report-model';
import { runLabel } from './report-file';

/**
 * `junit.xml`, the JUnit XML that CI systems read: one <testsuite> per implementation, one
 * <testcase> per claim (classname = topic, name = claim id, so CI tracks a claim across runs).
 * Failures and errors are exactly the results that fail the run (see baseline-compare.ts). JUnit
 * has no expected failure: as pytest does for xfail, a known failure is written <skipped
 * type="expected-failure"> with the failure it showed — it still ran. An unexpected pass is a
 * <failure type="unexpected-pass">. An interrupted run gets an errored testcase saying so.
 */

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function firstLine(text: string): string {
  return text.split('\n', 1)[0];
}

function body(claim: ClaimResult): string {
  const lines = [claim.title, `source: ${claim.source.doc} § ${claim.source.section}`, `verdict: ${claim.verdict}`, '', claim.message];
  if (claim.replay !== undefined) lines.push('', `replay: ${claim.replay}`);
  return lines.join('\n');
}

interface Outcome {
  element?: 'failure' | 'error' | 'skipped';
  type?: string;
  message?: string;
}

function outcomeOf(claim: ClaimResult, run: RunReport): Outcome {
  const mark = claim.baseline;
  if (failsGate(claim, run)) {
    if (mark?.status === 'unexpected-pass') return { element: 'failure', type: 'unexpected-pass', message: `passed, but the baseline expects ${mark.expected.join(' or ')} (${mark.reason ?? ''}): update the baseline` };
    if (mark?.status === 'unexpected-verdict') return { element: claim.verdict === 'error' ? 'error' : 'failure', type: 'unexpected-verdict', message: `${claim.verdict}, but the baseline expects ${mark.expected.join(' or ')}: ${firstLine(claim.message)}` };
    return { element: claim.verdict === 'error' ? 'error' : 'failure', type: claim.verdict, message: firstLine(claim.message) };
  }
  if (mark?.status === 'expected' && isFailure(claim.verdict)) return { element: 'skipped', type: 'expected-failure', message: `known failure (baseline): ${mark.reason ?? ''}` };
  if (claim.verdict === 'pass' || isFailure(claim.verdict)) return {};
  return { element: 'skipped', type: claim.verdict, message: `${claim.verdict}: ${firstLine(claim.message)}` };
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  ms: number;
}

function addSuite(root: XMLBuilder, run: RunReport): Counts {
  const cases = run.claims.map((claim) => ({ claim, outcome: outcomeOf(claim, run) }));
  const count = (element: Outcome['element']) => cases.filter((c) => c.outcome.element === element).length + (element === 'error' && !run.complete ? 1 : 0);
  const counts: Counts = {
    tests: cases.length + (run.complete ? 0 : 1),
    failures: count('failure'),
    errors: count('error'),
    skipped: count('skipped'),
    ms: run.claims.reduce((t, c) => t + c.durationMs, 0),
  };
  const suite = root.ele('testsuite', {
    name: `${runLabel(run)} (${run.implementation.runtime})`,
    tests: String(counts.tests),
    failures: String(counts.failures),
    errors: String(counts.errors),
    skipped: String(counts.skipped),
    time: seconds(counts.ms),
    timestamp: run.startedAt,
  });
  const properties = suite.ele('properties');
  const property = (name: string, value: string) => properties.ele('property', { name, value }).up();
  property('implementation', run.implementation.name);
  property('version', run.implementation.version);
  property('runtime', run.implementation.runtime);
  property('seed', String(run.seed));
  property('complete', String(run.complete));
  if (run.shard !== undefined) property('shard', `${run.shard.index}/${run.shard.count}`);
  if (run.baseline !== undefined) property('baseline', run.baseline.file);

  for (const { claim, outcome } of cases) {
    const testcase = suite.ele('testcase', { classname: claim.topic, name: claim.id, time: seconds(claim.durationMs) });
    if (outcome.element === undefined) continue;
    const element = testcase.ele(outcome.element, { type: outcome.type ?? '', message: outcome.message ?? '' });
    if (outcome.element !== 'skipped' || isFailure(claim.verdict)) element.txt(body(claim));
  }
  if (!run.complete) {
    const planned = run.planned ?? run.claims.length;
    suite
      .ele('testcase', { classname: 'conform', name: '(run interrupted)', time: '0' })
      .ele('error', { type: 'interrupted', message: `the run was interrupted after ${run.claims.length} of ${planned} claim(s); the report holds only those` });
  }
  return counts;
}

export function renderJunit(runs: readonly RunReport[]): string {
  // Messages can hold any character an implementation printed; XML 1.0 cannot hold control
  // characters, so they become U+FFFD rather than making the file unreadable for CI.
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' });
  const root = doc.ele('testsuites', { name: 'conform' });
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 };
  for (const run of runs) {
    const counts = addSuite(root, run);
    for (const key of Object.keys(total) as (keyof Counts)[]) total[key] += counts[key];
  }
  root.att({ tests: String(total.tests), failures: String(total.failures), errors: String(total.errors), skipped: String(total.skipped), time: seconds(total.ms) });
  return `${doc.end({ prettyPrint: true })}\n`;
}

import { counterexampleLines } from './counterexample-text';
import { timeSpent } from './slowest-claims';
import { isFailure, VERDICTS, type BaselineStatus, type ClaimResult, type RunReport, type Verdict } from '../runner/report-model';

/**
 * Plain-text renderings shared by the console reporter (and by anything else that prints a run):
 * one line per claim, and the closing summary by verdict and by topic.
 */

const LABEL: Record<Verdict, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  error: 'ERROR',
  'not-applicable': 'N/A',
  pending: 'PENDING',
  informational: 'INFO',
  contested: 'CONTESTED',
};

const LABEL_WIDTH = Math.max(...Object.values(LABEL).map((l) => l.length));
const MESSAGE_LINES = 6;

export function verdictLabel(verdict: Verdict): string {
  return LABEL[verdict];
}

/** `FAIL    lock.x  (123 ms)` plus, for failures and errors, the message indented below. */
export function claimLine(result: ClaimResult, index?: number, total?: number): string {
  const counter = index === undefined || total === undefined ? '' : `[${String(index + 1).padStart(String(total).length)}/${total}] `;
  const ran = result.verdict === 'pass' || isFailure(result.verdict);
  const head = `${counter}${LABEL[result.verdict].padEnd(LABEL_WIDTH)}  ${result.id}${ran ? `  (${formatMs(result.durationMs)})` : ''}`;
  if (!isFailure(result.verdict) && result.verdict !== 'not-applicable') return head;
  return `${head}\n${indent(firstLines(result.message, MESSAGE_LINES))}`;
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** `12 pass, 1 fail, 3 pending`: the non-zero counts, in verdict order. */
export function countsText(counts: Partial<Record<Verdict, number>>): string {
  const parts = VERDICTS.filter((v) => (counts[v] ?? 0) > 0).map((v) => `${counts[v]} ${v}`);
  return parts.length === 0 ? 'nothing' : parts.join(', ');
}

export function summaryText(report: RunReport): string {
  const lines: string[] = [];
  const { implementation: impl } = report;
  lines.push(`${impl.name} ${impl.version} (${impl.runtime}), seed ${report.seed}`);
  if (report.shard !== undefined) lines.push(`shard ${report.shard.index}/${report.shard.count} of the selection`);
  if (!report.complete) {
    const of = report.planned === undefined ? '' : ` of ${report.planned}`;
    lines.push(`INCOMPLETE: the run was interrupted after ${report.claims.length}${of} claim(s)`);
  }
  lines.push(`${report.summary.total} claim(s): ${countsText(report.summary)}`);
  const topics = new Map<string, Partial<Record<Verdict, number>>>();
  for (const c of report.claims) {
    const counts = topics.get(c.topic) ?? {};
    counts[c.verdict] = (counts[c.verdict] ?? 0) + 1;
    topics.set(c.topic, counts);
  }
  if (topics.size > 0) {
    const width = Math.max(...[...topics.keys()].map((t) => t.length));
    lines.push('by topic:');
    for (const [topic, counts] of topics) lines.push(`  ${topic.padEnd(width)}  ${countsText(counts)}`);
  }
  lines.push(...timeLines(report));
  const failed = report.claims.filter((c) => isFailure(c.verdict));
  if (failed.length > 0) {
    lines.push('failed or errored:');
    for (const c of failed) {
      const known = c.baseline?.status === 'expected' ? ' (known failure)' : '';
      lines.push(`  ${LABEL[c.verdict]} ${c.id}${known}: ${firstLines(c.message, 1)}`);
      lines.push(...counterexampleLines(c).map((l) => `    ${l}`));
      if (c.replay !== undefined) lines.push(`    replay: ${c.replay}`);
    }
  }
  if (report.baseline !== undefined) lines.push(...baselineLines(report));
  return lines.join('\n');
}

/** Where the time went: wall-clock, the claims' sum (larger when claims overlapped), the slowest claims. */
function timeLines(report: RunReport): string[] {
  const spent = timeSpent(report);
  const ran = spent.slowest.filter((c) => c.durationMs > 0);
  if (ran.length === 0) return [];
  const lines = [`time: ${formatMs(spent.wallMs)} wall-clock, ${formatMs(spent.claimsMs)} in claims; the ${ran.length} slowest took ${Math.round(spent.slowestShare * 100)}% of it:`];
  const width = Math.max(...ran.map((c) => c.id.length));
  for (const c of ran) lines.push(`  ${c.id.padEnd(width)}  ${formatMs(c.durationMs).padStart(8)}`);
  return lines;
}

const BASELINE_WORDS: Record<Exclude<BaselineStatus, 'expected'>, string> = {
  'new-failure': 'NEW FAILURE',
  'unexpected-pass': 'UNEXPECTED PASS',
  'unexpected-verdict': 'UNEXPECTED',
};

function baselineLines(report: RunReport): string[] {
  const b = report.baseline!;
  const c = b.counts;
  const lines = [
    `baseline ${b.file}: ${b.ok ? 'as expected' : 'UNEXPECTED RESULTS'} (${c.expected} expected, ${c['new-failure']} new failure(s), ${c['unexpected-pass']} unexpected pass(es), ${c['unexpected-verdict']} other unexpected verdict(s))`,
  ];
  for (const claim of report.claims) {
    const mark = claim.baseline;
    if (mark === undefined || mark.status === 'expected') continue;
    const expected = mark.expected.length === 0 ? '' : ` (baseline expects ${mark.expected.join(' or ')}: ${mark.reason ?? ''})`;
    lines.push(`  ${BASELINE_WORDS[mark.status]} ${claim.id}: ${claim.verdict}${expected}`);
  }
  return lines;
}

function firstLines(text: string, n: number): string {
  const lines = text.split('\n');
  return lines.length <= n ? text : `${lines.slice(0, n).join('\n')}\n… (${lines.length - n} more lines in the report)`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

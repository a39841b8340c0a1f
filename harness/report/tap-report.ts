import { failsGate, passesGate } from '../gate/baseline-compare';
import { isFailure, type ClaimResult, type RunReport } from '../runner/report-model';
import { runLabel } from './report-file';

/**
 * `report.tap`: TAP version 14. One test point per claim, `not ok` exactly for the results that
 * fail the run (report.ts's gate: failures, or against a baseline anything unexpected); a known
 * failure is `not ok … # TODO` (TAP's expected failure, which still ran), and claims that were
 * not run (pending, not applicable, informational, contested) are `# SKIP` with the reason.
 * Several implementations become one subtest each. An interrupted run plans every claim it set
 * out to run and bails out after the ones it finished.
 */

/** TAP 14 descriptions and directive text: one line, with `\` and `#` escaped. */
function tapText(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\#]/g, (c) => `\\${c}`);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0];
}

/** A YAML block of `key: <JSON value>` lines: JSON scalars are valid YAML flow scalars. */
function yamlBlock(fields: Record<string, unknown>): string[] {
  const lines = ['  ---'];
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) lines.push(`  ${key}: ${JSON.stringify(value)}`);
  lines.push('  ...');
  return lines;
}

function testPoint(claim: ClaimResult, n: number, run: RunReport): string[] {
  const description = tapText(`${claim.id}: ${claim.title}`);
  const failing = failsGate(claim, run);
  const knownFailure = !failing && claim.baseline?.status === 'expected' && isFailure(claim.verdict);
  const ran = claim.verdict === 'pass' || isFailure(claim.verdict);
  let line: string;
  if (failing) line = `not ok ${n} - ${description}`;
  else if (knownFailure) line = `not ok ${n} - ${description} # TODO ${tapText(`known failure (baseline): ${claim.baseline?.reason ?? ''}`)}`;
  else if (!ran) line = `ok ${n} - ${description} # SKIP ${tapText(`${claim.verdict}: ${firstLine(claim.message)}`)}`;
  else line = `ok ${n} - ${description}`;
  if (!failing && !knownFailure) return [line];
  const diagnostics = yamlBlock({
    verdict: claim.verdict,
    message: claim.message,
    topic: claim.topic,
    source: `${claim.source.doc} § ${claim.source.section}`,
    durationMs: claim.durationMs,
    seed: claim.seed,
    replay: claim.replay,
    baseline: claim.baseline === undefined ? undefined : claim.baseline.status,
    expected: claim.baseline === undefined || claim.baseline.expected.length === 0 ? undefined : claim.baseline.expected,
    reason: claim.baseline?.reason,
  });
  return [line, ...diagnostics];
}

function runLines(run: RunReport, topLevel: boolean): string[] {
  const planned = Math.max(run.planned ?? run.claims.length, run.claims.length);
  const lines = [
    `# conform: ${runLabel(run)} (${run.implementation.runtime}), seed ${run.seed}${run.shard === undefined ? '' : `, shard ${run.shard.index}/${run.shard.count}`}`,
    ...(run.baseline === undefined ? [] : [`# baseline ${run.baseline.file}: ${run.baseline.ok ? 'no unexpected results' : 'unexpected results'}`]),
    `1..${planned}`,
  ];
  run.claims.forEach((claim, i) => lines.push(...testPoint(claim, i + 1, run)));
  if (!run.complete) {
    const why = `the run was interrupted after ${run.claims.length} of ${planned} claim(s)`;
    // A bail out would end the whole stream, so only the top level uses one; a subtest's short count fails it.
    lines.push(topLevel ? `Bail out! ${tapText(why)}` : `# INCOMPLETE: ${why}`);
  }
  return lines;
}

export function renderTap(runs: readonly RunReport[]): string {
  const lines = ['TAP version 14'];
  if (runs.length === 1) {
    lines.push(...runLines(runs[0], true));
  } else {
    lines.push(`1..${runs.length}`);
    runs.forEach((run, i) => {
      const name = tapText(`${runLabel(run)} (${run.implementation.runtime})`);
      lines.push(`# Subtest: ${name}`);
      lines.push(...runLines(run, false).map((l) => `    ${l}`));
      lines.push(`${passesGate(run) ? 'ok' : 'not ok'} ${i + 1} - ${name}`);
    });
  }
  return `${lines.join('\n')}\n`;
}

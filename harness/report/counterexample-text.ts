import type { Op } from '../scenario/model';
import type { ClaimResult } from '../runner/report-model';

/**
 * A property claim's minimal failing scenario as plain text, for the console: the actors' ops
 * one line each, then the run's history (its timeline) in time order. report.json and the HTML
 * report carry the same scenario as JSON and the history in full.
 */

const MAX_HISTORY_LINES = 40;

function opText(op: Op): string {
  const { op: name, ...rest } = op as Op & Record<string, unknown>;
  if (name === 'repeat' || name === 'when') return `${name}(…)`;
  const args = Object.entries(rest).map(([k, v]) => (k === 'target' ? String(v) : `${k}=${JSON.stringify(v)}`));
  return `${name}(${args.join(', ')})`;
}

export function counterexampleLines(claim: ClaimResult): string[] {
  const c = claim.counterexample;
  if (c === undefined) return [];
  const s = c.scenario;
  const lines = [`minimal scenario "${s.name}"${c.shrinks === undefined ? '' : ` (${c.shrinks} shrinking step(s))`}: ${JSON.stringify(s.objects)}, ${s.timeUnitMs} ms/unit`];
  for (const a of s.actors) lines.push(`  ${a.name} (${a.kind}): ${a.ops.map(opText).join('; ')}`);
  const timeline = claim.timelines?.find((t) => t.scenario === s.name);
  if (timeline !== undefined) {
    const ops = [...timeline.ops].sort((x, y) => x.start - y.start);
    lines.push(`  history (${timeline.status}, ${timeline.durationMs} ms):`);
    for (const o of ops.slice(0, MAX_HISTORY_LINES)) {
      const end = o.end === undefined ? '…' : `–${o.end.toFixed(1)}`;
      lines.push(`    ${o.start.toFixed(1)}${end} ms  ${timeline.actors[o.actor] ?? '?'} ${o.f}${o.target === undefined ? '' : `(${o.target})`} ${o.outcome}${o.detail === undefined ? '' : ` ${o.detail}`}`);
    }
    if (ops.length > MAX_HISTORY_LINES) lines.push(`    … ${ops.length - MAX_HISTORY_LINES} more in report.json`);
  }
  return lines;
}

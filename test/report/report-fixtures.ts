import type { ClaimResult, RunReport, Timeline, Verdict } from '../../harness/runner/report-model';
import { summarize } from '../../harness/runner/report-model';

/** Hand-built results and runs for the format tests (no implementation involved). */

export const SOURCE = { doc: 'doc.txt', section: '第一节', quote: '原文 <quote> & "引号"' };

export function claimResult(id: string, verdict: Verdict, extra: Partial<ClaimResult> = {}): ClaimResult {
  return {
    id,
    title: `title of ${id}`,
    topic: id.split('.')[0],
    kind: verdict === 'informational' ? 'informational' : verdict === 'contested' ? 'contested' : 'executable',
    level: 'MUST',
    verdict,
    durationMs: 12.5,
    message: `${verdict} message of ${id}`,
    source: SOURCE,
    ...extra,
  };
}

export function runReport(claims: ClaimResult[], extra: Partial<RunReport> = {}, name = 'impl'): RunReport {
  return {
    formatVersion: 1,
    implementation: { name, version: '1.0', runtime: 'test', capabilities: [] },
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    complete: true,
    seed: 5,
    repeatScale: 1,
    selection: [],
    summary: summarize(claims),
    claims,
    ...extra,
  };
}

/** A timeline of `lanes` actors with `opsPerLane` operations each, the last of actor 0 still blocked. */
export function timeline(lanes: number, opsPerLane: number): Timeline {
  const actors = Array.from({ length: lanes }, (_, i) => `actor-${i}`);
  const ops: Timeline['ops'] = [];
  for (let a = 0; a < lanes; a++) {
    for (let k = 0; k < opsPerLane; k++) {
      const blocked = a === 0 && k === opsPerLane - 1;
      ops.push({ actor: a, f: 'acquire', target: 'lock', start: k * 10 + a, ...(blocked ? {} : { end: k * 10 + a + 5 }), outcome: blocked ? 'info' : 'ok', detail: blocked ? 'still blocked at the deadline' : 'true' });
    }
  }
  return { scenario: `${lanes} actors`, run: 1, runs: 1, status: 'deadline', durationMs: opsPerLane * 10 + lanes, actors, ops, actorsCut: 0, opsCut: 0 };
}

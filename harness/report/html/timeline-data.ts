import type { RunReport, Timeline } from '../../runner/report-model';
import { rowFlags, type MatrixRow } from './matrix-model';

/**
 * Timelines travel in the page as compact JSON and are drawn by the page's script when a claim is
 * opened, which keeps the file small and quick to open. Each timeline is already capped
 * (runner/timeline.ts); on top of that the page embeds at most TIMELINE_BUDGET_BYTES of them,
 * failing claims first, so a report over many implementations stays a few megabytes. A timeline
 * left out says so, and report.json still has it.
 */

export const TIMELINE_BUDGET_BYTES = 2_000_000;

/** One operation: [lane, f, target, start, end, outcome, detail] (null where absent). */
export type EncodedOp = [number, string, string | null, number, number | null, string, string | null];

export interface EncodedTimeline {
  /** Lane names. */
  a: string[];
  /** The run's duration, ms. */
  d: number;
  o: EncodedOp[];
}

export function timelineKey(run: number, claimId: string, index: number): string {
  return `${run}/${claimId}/${index}`;
}

export function encodeTimeline(t: Timeline): EncodedTimeline {
  return {
    a: t.actors,
    d: t.durationMs,
    o: t.ops.map((op): EncodedOp => [op.actor, op.f, op.target ?? null, op.start, op.end ?? null, op.outcome, op.detail ?? null]),
  };
}

export function embedTimelines(rows: readonly MatrixRow[], runs: readonly RunReport[], budget = TIMELINE_BUDGET_BYTES): { data: Record<string, EncodedTimeline>; embedded: Set<string> } {
  const priority = (row: MatrixRow) => {
    const f = rowFlags(row, runs);
    return f.failing ? 0 : f.failed ? 1 : f.contested || f.differ ? 2 : 3;
  };
  const ordered = rows.map((row, i) => ({ row, i, p: priority(row) })).sort((a, b) => a.p - b.p || a.i - b.i);
  const data: Record<string, EncodedTimeline> = {};
  const embedded = new Set<string>();
  let used = 0;
  for (const { row } of ordered) {
    row.cells.forEach((cell, r) => {
      cell?.timelines?.forEach((t, i) => {
        const encoded = encodeTimeline(t);
        const key = timelineKey(r, row.id, i);
        // What this entry adds to the embedded object: `"key":value,`
        const size = JSON.stringify(encoded).length + JSON.stringify(key).length + 2;
        if (used + size > budget) return;
        used += size;
        data[key] = encoded;
        embedded.add(key);
      });
    });
  }
  return { data, embedded };
}

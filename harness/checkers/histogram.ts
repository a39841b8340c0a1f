import type { Json } from '../scenario/model';
import type { ScenarioResult } from '../scenario/result';
import type { Grade, Judgement, OutcomeGrading } from '../../spec/claim';

/**
 * Outcome histograms for racy claims (jcstress style): each run is reduced to a key, keys are
 * counted and graded, and the verdict rests on the grades: a forbidden outcome fails, and so
 * does never seeing a grade the claim must show (e.g. the lost update the document describes).
 */

export interface HistogramEntry {
  key: string;
  count: number;
  grade: Grade;
}

export interface Histogram {
  entries: HistogramEntry[];
  runs: number;
  /** Runs the grading could not reduce to a key (its `key` threw), with the reason. */
  unreadable: { run: number; reason: string }[];
}

/** Counts outcome keys, most frequent first (ties by key, so reports are stable). */
export function buildHistogram(runs: readonly ScenarioResult[], grading: OutcomeGrading): Histogram {
  const counts = new Map<string, number>();
  const unreadable: Histogram['unreadable'] = [];
  runs.forEach((run, i) => {
    let key: string;
    try {
      key = grading.key(run);
    } catch (e) {
      unreadable.push({ run: i, reason: e instanceof Error ? e.message : String(e) });
      return;
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const entries = [...counts].map(([key, count]) => ({ key, count, grade: grading.grade(key) }));
  entries.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { entries, runs: runs.length, unreadable };
}

function gradeLabel(grade: Grade, grading: OutcomeGrading): string {
  const d = grading.describe?.[grade];
  return d ? `${grade}: ${d}` : grade;
}

function entryText(e: HistogramEntry, grading: OutcomeGrading): string {
  return `${e.key} ×${e.count}${e.grade === 'acceptable' ? '' : ` (${gradeLabel(e.grade, grading)})`}`;
}

/**
 * The verdict over all runs, e.g. "100 ×37, 98 ×3 (interesting: lost updates); forbidden none".
 * Fails on any forbidden outcome, on a `mustSee` grade never seen, and on runs without a key.
 */
export function checkHistogram(runs: readonly ScenarioResult[], grading: OutcomeGrading): Judgement {
  const h = buildHistogram(runs, grading);
  const forbidden = h.entries.filter((e) => e.grade === 'forbidden');
  const seen = new Set(h.entries.map((e) => e.grade));
  const missing = (grading.mustSee ?? []).filter((g) => !seen.has(g));

  const parts = [h.entries.map((e) => entryText(e, grading)).join(', ') || 'no outcomes'];
  parts.push(forbidden.length === 0 ? 'forbidden none' : `forbidden seen: ${forbidden.map((e) => `${e.key} ×${e.count}`).join(', ')}`);
  for (const g of missing) parts.push(`never saw ${gradeLabel(g, grading)} in ${h.runs} runs`);
  if (h.unreadable.length > 0) {
    parts.push(`${h.unreadable.length} run(s) had no outcome key (run ${h.unreadable[0]!.run}: ${h.unreadable[0]!.reason})`);
  }

  const evidence: Json = {
    runs: h.runs,
    histogram: h.entries.map((e): Json => ({ key: e.key, count: e.count, grade: e.grade })),
    missing,
    unreadable: h.unreadable.slice(0, 5).map((u): Json => ({ run: u.run, reason: u.reason })),
  };
  return {
    ok: forbidden.length === 0 && missing.length === 0 && h.unreadable.length === 0 && h.runs > 0,
    message: h.runs === 0 ? 'no runs to judge' : parts.join('; '),
    evidence,
  };
}

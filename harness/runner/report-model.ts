import type { ClaimKind, Contest, Counterexample, Grade, Level, Measurement, Source } from '../../spec/claim';
import type { Json } from '../scenario/model';
import type { RunStatus } from '../scenario/result';

/**
 * What a run of the suite produces: one result per selected claim, and the report that
 * reporters (console, report.json, later TAP/JUnit/HTML) render. Plain JSON throughout.
 */

export const REPORT_FORMAT_VERSION = 1 as const;

/**
 * - `pass` / `fail`: the check ran and its judgement held / did not hold.
 * - `error`: no judgement could be made: the implementation crashed or threw, a scenario was
 *   invalid, or the check itself threw. The message says which.
 * - `not-applicable`: the implementation lacks a capability the claim needs.
 * - `pending`: the claim belongs to a later issue.
 * - `informational`: the document says it, but it cannot be tested; listed, never run.
 * - `contested`: a contested claim with nothing to run; listed with what is wrong.
 * Only `fail` and `error` make a run unsuccessful.
 */
export type Verdict = 'pass' | 'fail' | 'error' | 'not-applicable' | 'pending' | 'informational' | 'contested';

export const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'error', 'not-applicable', 'pending', 'informational', 'contested'];

export function isFailure(verdict: Verdict): boolean {
  return verdict === 'fail' || verdict === 'error';
}

export interface ClaimResult {
  id: string;
  title: string;
  topic: string;
  kind: ClaimKind;
  level: Level;
  verdict: Verdict;
  durationMs: number;
  message: string;
  /** Small facts behind the verdict; histories in it are cut (see evidence.ts). */
  evidence?: Json;
  source: Source;
  /** Contested claims: what the document says and what real systems do. */
  contest?: Contest;
  /** The seed the claim's scenarios were generated from (only for generated scenarios). */
  seed?: number;
  /** The command that reproduces this result exactly (generated scenarios that failed). */
  replay?: string;
  /** One representative run of each scenario, summarised for drawing (see timeline.ts). */
  timelines?: Timeline[];
  /** Racy claims: how often each outcome occurred over the repetitions, and its grade. */
  outcomes?: OutcomeHistogram;
  /** Property-based claims: the minimal failing scenario. */
  counterexample?: Counterexample;
  /** Load and benchmark claims: figures to chart. */
  measurements?: Measurement[];
  /** Set when the run was compared with a baseline and this claim's result matters to it. */
  baseline?: BaselineMark;
}

/** One operation drawn as an interval on its actor's swim-lane. */
export interface TimelineOp {
  /** Index into `Timeline.actors`. */
  actor: number;
  f: string;
  target?: string;
  /** Milliseconds since the scenario began. */
  start: number;
  /** Absent when the operation never completed. */
  end?: number;
  outcome: 'ok' | 'fail' | 'info' | 'pending';
  /** The returned value or the error, shortened. */
  detail?: string;
}

/** A run's history as swim-lanes, capped so a report stays small (see timeline.ts). */
export interface Timeline {
  scenario: string;
  /** Which repetition this is (1-based), of `runs`. */
  run: number;
  runs: number;
  status: RunStatus;
  durationMs: number;
  /** Lanes, in the scenario's actor order. */
  actors: string[];
  ops: TimelineOp[];
  /** Actors without a lane (over the cap); their operations are not drawn. */
  actorsCut: number;
  /** Operations of the drawn actors left out (over the cap); failures are kept first. */
  opsCut: number;
}

export interface OutcomeHistogram {
  runs: number;
  /** Most frequent first. */
  entries: { key: string; count: number; grade: Grade }[];
  /** Grades the claim must show that no run showed. */
  missing: Grade[];
  /** What each grade means for this claim. */
  describe: Partial<Record<Grade, string>>;
}

/**
 * How a result compares with a baseline of known failures:
 * - `expected`: the verdict is one the baseline lists (a known failure, or an intermittent one);
 * - `new-failure`: failed or errored with no entry;
 * - `unexpected-pass`: passed although the baseline expects otherwise (the entry is stale);
 * - `unexpected-verdict`: another verdict than listed (e.g. expected fail, got error or pending).
 * Only `expected` keeps a run successful.
 */
export type BaselineStatus = 'expected' | 'new-failure' | 'unexpected-pass' | 'unexpected-verdict';

export interface BaselineMark {
  status: BaselineStatus;
  /** The verdicts the baseline allows; empty for claims it does not list. */
  expected: Verdict[];
  reason?: string;
}

export interface BaselineSummary {
  /** The baseline file, as given. */
  file: string;
  /** No new failure, unexpected pass or unexpected verdict. */
  ok: boolean;
  counts: Record<BaselineStatus, number>;
}

/** Which part of the claims a sharded run ran: the `index`-th (1-based) of `count` parts. */
export interface Shard {
  index: number;
  count: number;
}

export interface ImplementationInfo {
  name: string;
  version: string;
  runtime: string;
  capabilities: string[];
}

export type Summary = { total: number } & Record<Verdict, number>;

export interface RunReport {
  formatVersion: typeof REPORT_FORMAT_VERSION;
  implementation: ImplementationInfo;
  /** ISO 8601 */
  startedAt: string;
  finishedAt: string;
  /** False when the run was interrupted: `claims` then holds only the claims that finished. */
  complete: boolean;
  seed: number;
  repeatScale: number;
  /** Present when scenarios ran with scaled time units (RunnerOptions.timeScale); absent means 1. */
  timeScale?: number;
  /** Present when claims ran side by side (RunnerOptions.concurrency); absent means one at a time. */
  concurrency?: number;
  /** The --claims patterns, empty for "all". */
  selection: string[];
  summary: Summary;
  claims: ClaimResult[];
  /** How many claims the run set out to report on (more than `claims` when it was interrupted). */
  planned?: number;
  /** Present when the run was one shard of the selection. */
  shard?: Shard;
  /** Present when the run was compared with a baseline. */
  baseline?: BaselineSummary;
  /** Present on a report merged from others: the files it was merged from. */
  mergedFrom?: { file: string; shard?: Shard; complete: boolean }[];
}

export function summarize(results: readonly ClaimResult[]): Summary {
  const summary = { total: results.length } as Summary;
  for (const verdict of VERDICTS) summary[verdict] = 0;
  for (const result of results) summary[result.verdict]++;
  return summary;
}

/** True when nothing failed or errored (what the CLI's exit code says). */
export function succeeded(report: Pick<RunReport, 'summary'>): boolean {
  return report.summary.fail === 0 && report.summary.error === 0;
}

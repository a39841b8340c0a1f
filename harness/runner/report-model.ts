import type { ClaimKind, Level, Source } from '../../spec/claim';
import type { Json } from '../scenario/model';

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
  /** The --claims patterns, empty for "all". */
  selection: string[];
  summary: Summary;
  claims: ClaimResult[];
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

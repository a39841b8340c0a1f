import { isFailure, type ClaimResult, type RunReport } from '../runner/report-model';

/**
 * The command that reproduces a claim's generated scenarios exactly: the same implementation,
 * catalog and repeat scale, only that claim, and its seed. Reports print it next to each
 * failure of a claim whose scenarios were generated (those record their seed).
 */

export interface Invocation {
  /** `--impl` as given. */
  impl: string;
  /** `--catalog` as given, when not the default. */
  catalog?: string;
  repeatScale: number;
  /** `--budget-runs` / `--budget-ms` as given: the same seed draws the same scenarios only within the same budget. */
  budgetRuns?: number;
  budgetMs?: number;
  /** `--time-scale`, when not 1: a replay runs with the same time units. */
  timeScale?: number;
}

/** POSIX shell quoting: bare when safe, else single quotes (a quote becomes '\''). */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function replayCommand(claimId: string, seed: number, invocation: Invocation): string {
  const args = ['npx', 'conform', 'run', '--claims', claimId, '--replay', String(seed)];
  if (invocation.impl !== 'reference') args.push('--impl', invocation.impl);
  if (invocation.catalog !== undefined) args.push('--catalog', invocation.catalog);
  if (invocation.repeatScale !== 1) args.push('--repeat-scale', String(invocation.repeatScale));
  if (invocation.budgetRuns !== undefined) args.push('--budget-runs', String(invocation.budgetRuns));
  if (invocation.budgetMs !== undefined) args.push('--budget-ms', String(invocation.budgetMs));
  if (invocation.timeScale !== undefined && invocation.timeScale !== 1) args.push('--time-scale', String(invocation.timeScale));
  return args.map(shellWord).join(' ');
}

/** Adds `replay` to every failed or errored claim that recorded a seed. */
export function withReplayCommands(run: RunReport, invocation: Invocation): RunReport {
  const claims = run.claims.map((c): ClaimResult => (c.seed !== undefined && isFailure(c.verdict) ? { ...c, replay: replayCommand(c.id, c.seed, invocation) } : c));
  return { ...run, claims };
}

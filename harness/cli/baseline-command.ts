import { promises as fs } from 'node:fs';
import { BASELINE_VERSION, readBaseline, writeBaseline, type Baseline } from '../gate/baseline-file';
import { updateBaseline } from '../gate/baseline-update';
import { readReportFile } from '../report/report-file';
import type { RunReport } from '../runner/report-model';
import { UsageError } from './usage-error';

/**
 * `conform baseline update`: writes the baseline that makes the given reports pass (see
 * harness/gate/baseline-update.ts), keeping the reasons of existing entries. A new entry's reason
 * is `--reason`, or the failure's first line with the date, for a person to improve.
 */

export interface BaselineUpdateOptions {
  file: string;
  from: string[];
  reason?: string;
}

export const DEFAULT_BASELINE = 'conform-baseline.json';

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

export async function baselineUpdateCommand(options: BaselineUpdateOptions): Promise<number> {
  if (options.reason !== undefined && options.reason.trim() === '') throw new UsageError('--reason must say something');
  const runs: RunReport[] = [];
  for (const file of options.from) runs.push(...(await readReportFile(file)));
  const previous: Baseline = (await exists(options.file)) ? await readBaseline(options.file) : { version: BASELINE_VERSION, implementations: {} };
  const today = new Date().toISOString().slice(0, 10);
  const { baseline, changes } = updateBaseline(previous, runs, (_id, verdicts, message) => options.reason ?? `${verdicts.join('/')} since ${today}: ${message.split('\n', 1)[0].slice(0, 200) || 'no message'}`);
  await writeBaseline(options.file, baseline);
  for (const c of changes) {
    process.stdout.write(`${c.change.padEnd(7)} ${c.implementation} ${c.claim}${c.expected === undefined ? '' : `: expected ${c.expected.join(' or ')}`}\n`);
  }
  const entries = Object.values(baseline.implementations).reduce((n, e) => n + Object.keys(e).length, 0);
  process.stdout.write(`baseline: ${options.file}: ${entries} entr${entries === 1 ? 'y' : 'ies'}, ${changes.length} change(s)\n`);
  return 0;
}

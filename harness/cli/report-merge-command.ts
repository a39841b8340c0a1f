import * as path from 'node:path';
import { applyBaseline, passesGate } from '../gate/baseline-compare';
import { readBaseline } from '../gate/baseline-file';
import { readBenchResults } from '../report/bench-results';
import { mergeRuns, type MergeInput } from '../report/merge-reports';
import { fileFormats, parseFormats } from '../report/report-formats';
import { readReportFile } from '../report/report-file';
import { summaryText } from '../report/summary-text';
import { writeReports } from '../report/write-reports';
import { loadCatalog } from './catalog';
import { DEFAULT_BENCH } from './run-command';
import { writtenFilesText } from './written-files';
import { UsageError } from './usage-error';

/**
 * `conform report merge <report.json>...`: one report from several. Shards of one implementation
 * become one run (ordered as the catalog orders claims); different implementations become the
 * columns of one HTML matrix. With --baseline the merged runs are gated: exit 1 on anything
 * unexpected, as `conform run --baseline` would; without, on any failure or a missing shard.
 */

export interface ReportMergeOptions {
  out: string;
  format?: string[];
  baseline?: string;
  catalog?: string;
  bench?: string;
}

export const DEFAULT_MERGE_OUT = path.join('reports', 'merged');

export async function reportMergeCommand(files: readonly string[], options: ReportMergeOptions): Promise<number> {
  if (files.length === 0) throw new UsageError('report merge needs at least one report.json');
  const formats = parseFormats(options.format);
  const inputs: MergeInput[] = [];
  for (const file of files) inputs.push({ file, runs: await readReportFile(file) });
  const position = new Map(loadCatalog(options.catalog).map((c, i) => [c.id, i]));
  let runs = mergeRuns(inputs, (id) => position.get(id));
  if (options.baseline !== undefined) {
    const baseline = await readBaseline(options.baseline);
    runs = runs.map((run) => applyBaseline(run, baseline, options.baseline!));
  }

  if (formats.includes('console')) for (const run of runs) process.stdout.write(`${summaryText(run)}\n\n`);
  const outputs = fileFormats(formats);
  const bench = outputs.includes('html') ? await readBenchResults(path.resolve(options.bench ?? DEFAULT_BENCH)) : {};
  const written = await writeReports(path.resolve(options.out), runs, outputs, { ...(bench.results ? { bench: bench.results } : {}), ...(bench.problem ? { benchProblem: bench.problem } : {}) });
  if (written.length > 0) process.stdout.write(`${writtenFilesText(written)}\n`);
  return runs.every(passesGate) ? 0 : 1;
}

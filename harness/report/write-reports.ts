import * as path from 'node:path';
import type { RunReport } from '../runner/report-model';
import { writeFileAtomic } from './atomic-write';
import type { BenchResults } from './bench-results';
import { renderHtmlReport } from './html/html-report';
import { renderJunit } from './junit-report';
import { FILE_NAMES, type FileFormat } from './report-formats';
import { reportFileOf, serializeReportFile } from './report-file';
import { renderTap } from './tap-report';

/**
 * Writes the chosen file formats of a set of runs into a directory. Each file is written
 * atomically (a reader sees the old file or the whole new one), report.json first as the source
 * the others can be rebuilt from; one format failing does not keep the others from being written.
 */

export interface HtmlExtras {
  bench?: BenchResults;
  benchProblem?: string;
  /** Load-test results (reports/load.json from `npm run load`), charted like the benchmarks. */
  load?: BenchResults;
  loadProblem?: string;
}

export function renderFormat(format: FileFormat, runs: readonly RunReport[], extras: HtmlExtras = {}): string {
  switch (format) {
    case 'json':
      return serializeReportFile(reportFileOf(runs));
    case 'tap':
      return renderTap(runs);
    case 'junit':
      return renderJunit(runs);
    case 'html':
      return renderHtmlReport({ runs, ...extras });
  }
}

/** The files written, in `formats` order. */
export async function writeReports(outDir: string, runs: readonly RunReport[], formats: readonly FileFormat[], extras: HtmlExtras = {}): Promise<string[]> {
  const written: string[] = [];
  const failures: unknown[] = [];
  for (const format of formats) {
    const file = path.resolve(outDir, FILE_NAMES[format]);
    try {
      await writeFileAtomic(file, renderFormat(format, runs, extras));
      written.push(file);
    } catch (e) {
      failures.push(new Error(`could not write ${file}: ${e instanceof Error ? e.message : String(e)}`));
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, failures.map((f) => (f as Error).message).join('; '));
  return written;
}

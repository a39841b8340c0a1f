import { promises as fs } from 'node:fs';
import { REPORT_FORMAT_VERSION, type RunReport } from '../runner/report-model';

/**
 * What `report.json` holds: one run (`conform run`, or shards of one implementation merged),
 * or several runs of different implementations (`conform report merge` over several), which
 * every reader turns into a list of runs, one per implementation.
 */

export interface MergedReport {
  formatVersion: typeof REPORT_FORMAT_VERSION;
  kind: 'merged';
  runs: RunReport[];
}

export type ReportFile = RunReport | MergedReport;

export class ReportFileError extends Error {
  override readonly name = 'ReportFileError';
}

export function reportFileOf(runs: readonly RunReport[]): ReportFile {
  return runs.length === 1 ? runs[0] : { formatVersion: REPORT_FORMAT_VERSION, kind: 'merged', runs: [...runs] };
}

/** Compact: timelines make an indented report two to three times larger (read it with `jq .`). */
export function serializeReportFile(file: ReportFile): string {
  return `${JSON.stringify(file)}\n`;
}

/** The runs in a parsed report.json; throws ReportFileError naming what is wrong. */
export function runsOf(data: unknown, where: string): RunReport[] {
  if (typeof data !== 'object' || data === null) throw new ReportFileError(`${where}: not a conform report (not a JSON object)`);
  const file = data as Partial<MergedReport> & Partial<RunReport>;
  if (file.formatVersion !== REPORT_FORMAT_VERSION) {
    throw new ReportFileError(`${where}: report format ${JSON.stringify(file.formatVersion)} is not one this conform reads (${REPORT_FORMAT_VERSION})`);
  }
  const runs = file.kind === 'merged' ? file.runs : [file as RunReport];
  if (!Array.isArray(runs)) throw new ReportFileError(`${where}: a merged report without a runs array`);
  runs.forEach((run, i) => checkRun(run, runs.length > 1 ? `${where} (run ${i + 1})` : where));
  return runs;
}

function checkRun(run: unknown, where: string): asserts run is RunReport {
  const r = run as Partial<RunReport> | null;
  const problems: string[] = [];
  if (typeof r !== 'object' || r === null) throw new ReportFileError(`${where}: a run that is not an object`);
  if (typeof r.implementation?.name !== 'string') problems.push('implementation.name is missing');
  if (!Array.isArray(r.claims)) problems.push('claims is not an array');
  else if (r.claims.some((c) => typeof c?.id !== 'string' || typeof c.verdict !== 'string')) problems.push('a claim lacks an id or a verdict');
  if (typeof r.complete !== 'boolean') problems.push('complete is missing');
  if (problems.length > 0) throw new ReportFileError(`${where}: not a conform report: ${problems.join('; ')}`);
}

export async function readReportFile(file: string): Promise<RunReport[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new ReportFileError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ReportFileError(`${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return runsOf(data, file);
}

/** How a run is named in reports: `reference 0.1.0`. */
export function runLabel(run: Pick<RunReport, 'implementation'>): string {
  return `${run.implementation.name} ${run.implementation.version}`;
}

import * as path from 'node:path';
import type { RunReport } from '../runner/report-model';
import { writeFileAtomic } from './atomic-write';
import { serializeReportFile } from './report-file';
import type { Reporter } from './reporter';

/** Writes only `report.json` when the run ends (atomically); FileReporter writes any set of formats. */
export class JsonReporter implements Reporter {
  readonly file: string;

  constructor(outDir: string, fileName = 'report.json') {
    this.file = path.resolve(outDir, fileName);
  }

  async onRunEnd(report: RunReport): Promise<void> {
    await writeFileAtomic(this.file, serializeReportFile(report));
  }
}

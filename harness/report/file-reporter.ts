import type { RunReport } from '../runner/report-model';
import type { Reporter } from './reporter';
import type { FileFormat } from './report-formats';
import { writeReports, type HtmlExtras } from './write-reports';

/** Writes the run's report files when it ends, also after an interruption (then marked incomplete). */
export class FileReporter implements Reporter {
  written: string[] = [];

  constructor(
    private readonly outDir: string,
    private readonly formats: readonly FileFormat[],
    private readonly extras: HtmlExtras = {},
  ) {}

  async onRunEnd(report: RunReport): Promise<void> {
    this.written = await writeReports(this.outDir, [report], this.formats, this.extras);
  }
}

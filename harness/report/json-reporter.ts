import * as path from 'node:path';
import type { RunReport } from '../runner/report-model';
import { writeFileAtomic } from './atomic-write';
import type { Reporter } from './reporter';

/** Writes `report.json` into a directory when the run ends (atomically, see atomic-write.ts). */
export class JsonReporter implements Reporter {
  readonly file: string;

  constructor(outDir: string, fileName = 'report.json') {
    this.file = path.resolve(outDir, fileName);
  }

  async onRunEnd(report: RunReport): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify(report, null, 2)}\n`);
  }
}

import type { Claim } from '../../spec/claim';
import type { ClaimResult, RunReport } from '../runner/report-model';
import type { Reporter, RunStartInfo } from './reporter';

/**
 * Completes the runner's report with what only the command knows (the number of claims planned,
 * the shard, replay commands, the baseline's marks) before any reporter renders it, so the console,
 * report.json, TAP, JUnit and HTML all say the same. Progress calls pass straight through.
 */
export class FinishingReporter implements Reporter {
  private planned: number | undefined;
  /** The report as the inner reporters received it. */
  finished: RunReport | undefined;

  constructor(
    private readonly finish: (report: RunReport) => RunReport,
    private readonly inner: readonly Reporter[],
  ) {}

  onRunStart(info: RunStartInfo): void {
    this.planned = info.total;
    for (const r of this.inner) r.onRunStart?.(info);
  }

  onClaimStart(claim: Claim, index: number, total: number): void {
    for (const r of this.inner) r.onClaimStart?.(claim, index, total);
  }

  onClaimEnd(result: ClaimResult, index: number, total: number): void {
    for (const r of this.inner) r.onClaimEnd?.(result, index, total);
  }

  async onRunEnd(report: RunReport): Promise<void> {
    const finished = this.finish({ ...report, planned: this.planned ?? report.claims.length });
    this.finished = finished;
    // Like the runner: every reporter gets the report even if another one fails.
    const failures: unknown[] = [];
    for (const r of this.inner) {
      try {
        await r.onRunEnd(finished);
      } catch (e) {
        failures.push(e);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, failures.map(String).join('; '));
  }
}

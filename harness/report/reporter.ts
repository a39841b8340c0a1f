import type { Claim } from '../../spec/claim';
import type { ClaimResult, ImplementationInfo, RunReport } from '../runner/report-model';

/**
 * What the runner tells a reporter. Progress hooks are optional and must not throw (the runner
 * ignores their errors); `onRunEnd` receives the finished report, also after an interrupted run,
 * and is where file reporters write (file-reporter.ts writes every file format; finishing-reporter.ts
 * completes the report before the others see it).
 */

export interface RunStartInfo {
  implementation: ImplementationInfo;
  /** Claims that will be reported on. */
  total: number;
  seed: number;
}

export interface Reporter {
  onRunStart?(info: RunStartInfo): void;
  onClaimStart?(claim: Claim, index: number, total: number): void;
  onClaimEnd?(result: ClaimResult, index: number, total: number): void;
  onRunEnd(report: RunReport): void | Promise<void>;
}

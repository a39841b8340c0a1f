import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { Claim } from '../../spec/claim';
import { isFailure, type ClaimResult, type RunReport } from '../runner/report-model';
import type { Reporter, RunStartInfo } from './reporter';
import { claimLine, summaryText } from './summary-text';

/**
 * Progress on the console. On an interactive terminal it draws a progress bar (current claim,
 * counts so far) and prints only failures above it; in CI or when output is redirected it
 * prints one plain line per claim, which logs keep readable. Either way it ends with the
 * summary by verdict and by topic.
 */

export interface ConsoleReporterOptions {
  /** Where lines and the summary go. Default process.stdout. */
  out?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Force the progress bar on or off; by default on a TTY unless CI=true. */
  progress?: boolean;
}

export function wantsProgressBar(out: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI.toLowerCase() !== 'false';
  return out.isTTY === true && !ci;
}

export class ConsoleReporter implements Reporter {
  private readonly out: NodeJS.WritableStream & { isTTY?: boolean };
  private readonly progress: boolean;
  private multibar: MultiBar | undefined;
  private bar: SingleBar | undefined;
  private readonly counts = { pass: 0, fail: 0, error: 0, other: 0 };

  constructor(options: ConsoleReporterOptions = {}) {
    this.out = options.out ?? process.stdout;
    this.progress = options.progress ?? wantsProgressBar(this.out);
  }

  onRunStart(info: RunStartInfo): void {
    const impl = info.implementation;
    this.write(`conform: ${info.total} claim(s) on ${impl.name} ${impl.version} (${impl.runtime}), seed ${info.seed}\n`);
    if (!this.progress) return;
    this.multibar = new MultiBar(
      {
        stream: this.out,
        format: ' {bar} {value}/{total} | pass {pass} fail {fail} error {error} other {other} | {claim}',
        hideCursor: true,
        clearOnComplete: true,
        linewrap: false,
      },
      Presets.shades_classic,
    );
    this.bar = this.multibar.create(info.total, 0, { ...this.counts, claim: '' });
  }

  onClaimStart(claim: Claim): void {
    this.bar?.update({ claim: claim.id });
  }

  onClaimEnd(result: ClaimResult, index: number, total: number): void {
    if (result.verdict === 'pass' || result.verdict === 'fail' || result.verdict === 'error') this.counts[result.verdict]++;
    else this.counts.other++;
    if (this.bar !== undefined && this.multibar !== undefined) {
      if (isFailure(result.verdict)) this.multibar.log(`${claimLine(result)}\n`);
      this.bar.update(index + 1, { ...this.counts, claim: '' });
      // Draw now: the bar redraws on a timer, and a fast run could stop before a logged failure shows.
      this.multibar.update();
      return;
    }
    this.write(`${claimLine(result, index, total)}\n`);
  }

  onRunEnd(report: RunReport): void {
    this.multibar?.stop();
    this.multibar = undefined;
    this.bar = undefined;
    this.write(`\n${summaryText(report)}\n`);
  }

  private write(text: string): void {
    this.out.write(text);
  }
}

import * as path from 'node:path';
import type { Implementation } from '../implementation';
import { ConsoleReporter } from '../report/console-reporter';
import { JsonReporter } from '../report/json-reporter';
import { selectClaims } from '../runner/claim-selection';
import { succeeded } from '../runner/report-model';
import { runClaims } from '../runner/runner';
import { loadCatalog } from './catalog';
import { resolveImplementation } from './implementation-registry';
import { UsageError } from './usage-error';

/** `conform run`: selects claims, runs them on one implementation, writes the reports. */

export interface RunCommandOptions {
  impl: string;
  claims?: string[];
  out: string;
  seed?: number;
  repeatScale: number;
  catalog?: string;
}

/** Exit codes: 0 nothing failed or errored; 1 something did; 130 interrupted (SIGINT). */
export const EXIT_INTERRUPTED = 130;

export async function runCommand(options: RunCommandOptions): Promise<number> {
  const catalog = loadCatalog(options.catalog);
  // `--claims a,b` and `--claims a b` both work.
  const patterns = (options.claims ?? []).flatMap((p) => p.split(',')).map((p) => p.trim()).filter((p) => p !== '');
  const selection = selectClaims(catalog, patterns);
  if (selection.unmatched.length > 0) {
    throw new UsageError(`no claim matches ${selection.unmatched.map((p) => `"${p}"`).join(', ')} (try \`conform list\`; patterns are ids, topics, or globs like "lock.*")`);
  }
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const outDir = path.resolve(options.out);
  const json = new JsonReporter(outDir);

  const implementation: Implementation = await resolveImplementation(options.impl);
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT_INTERRUPTED);
    process.stderr.write('\nconform: interrupted; stopping and writing the partial report (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const report = await runClaims({
      implementation,
      claims: selection.claims,
      seed,
      repeatScale: options.repeatScale,
      selection: patterns,
      signal: controller.signal,
      reporters: [new ConsoleReporter(), json],
    });
    const shown = path.relative(process.cwd(), json.file);
    process.stdout.write(`report: ${shown.startsWith('..') ? json.file : shown}\n`);
    if (!report.complete) return EXIT_INTERRUPTED;
    return succeeded(report) ? 0 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    await implementation.close();
  }
}

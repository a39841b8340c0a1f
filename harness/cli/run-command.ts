import * as path from 'node:path';
import { applyBaseline, passesGate } from '../gate/baseline-compare';
import { readBaseline, type Baseline } from '../gate/baseline-file';
import type { Implementation } from '../implementation';
import { readBenchResults } from '../report/bench-results';
import { ConsoleReporter } from '../report/console-reporter';
import { FileReporter } from '../report/file-reporter';
import { FinishingReporter } from '../report/finishing-reporter';
import { fileFormats, parseFormats } from '../report/report-formats';
import type { Reporter } from '../report/reporter';
import { withReplayCommands } from '../report/replay-command';
import { selectClaims } from '../runner/claim-selection';
import { succeeded, type RunReport, type Shard } from '../runner/report-model';
import { runClaims } from '../runner/runner';
import { DEFAULT_PROPERTY_BUDGET } from '../runner/property-check';
import { parseShard, shardOf } from '../runner/shard';
import { loadCatalog } from './catalog';
import { resolveImplementation } from './implementation-registry';
import { writtenFilesText } from './written-files';
import { UsageError } from './usage-error';
import { parseTargetOptions, targetImplementation } from './target-options';

/** `conform run`: selects claims, runs them on one implementation, writes the reports. */

export interface RunCommandOptions {
  impl: string;
  claims?: string[];
  out: string;
  seed?: number;
  repeatScale: number;
  /** Generated scenarios per property claim (default DEFAULT_PROPERTY_BUDGET.runs). */
  budgetRuns?: number;
  /** Time cap per property claim in ms, shrinking included (default DEFAULT_PROPERTY_BUDGET.ms). */
  budgetMs?: number;
  /** Multiplies every scenario's time unit and deadline; default 1. */
  timeScale?: number;
  /** Claims run at once (exclusive ones alone); default 1. */
  concurrency?: number;
  catalog?: string;
  /** Formats to produce (console, json, tap, junit, html); default all. */
  format?: string[];
  /** A baseline of known failures (see harness/gate/baseline-file.ts). */
  baseline?: string;
  /** `i/n`: run only the i-th of n deterministic parts of the selection. */
  shard?: string;
  /** Generate the selected claims' scenarios from this seed (what a failure's replay command says). */
  replay?: number;
  /** Benchmark results to chart in the HTML report; default reports/bench.json when present. */
  bench?: string;
  /** Load-test results to chart in the HTML report; default reports/load.json when present. */
  load?: string;
  /** Whether --impl was given on the command line (not its default), which --target excludes. */
  implGiven?: boolean;
  /** `host:port` of a server to judge as a black box (harness/adapters/target/). */
  target?: string;
  targetProtocol?: string;
  targetModel?: string;
  targetOption?: string[];
}

/** Exit codes: 0 nothing failed or errored (or, with a baseline, nothing unexpected); 1 otherwise; 130/143 interrupted (SIGINT/SIGTERM). */
export const EXIT_INTERRUPTED = 130;
export const EXIT_TERMINATED = 143;
export const DEFAULT_BENCH = path.join('reports', 'bench.json');
export const DEFAULT_LOAD = path.join('reports', 'load.json');

export async function runCommand(options: RunCommandOptions): Promise<number> {
  const catalog = loadCatalog(options.catalog);
  // `--claims a,b` and `--claims a b` both work.
  const patterns = (options.claims ?? []).flatMap((p) => p.split(',')).map((p) => p.trim()).filter((p) => p !== '');
  // A --target server can only be judged by server checks: without --claims, those are the run.
  const selection = selectClaims(options.target === undefined || patterns.length > 0 ? catalog : catalog.filter((c) => c.check?.type === 'server'), patterns);
  if (selection.unmatched.length > 0) {
    throw new UsageError(`no claim matches ${selection.unmatched.map((p) => `"${p}"`).join(', ')} (try \`conform list\`; patterns are ids, topics, or globs like "lock.*")`);
  }
  if (options.target !== undefined && options.implGiven) throw new UsageError('--target and --impl both name what to test: give one');
  if (options.target === undefined && (options.targetModel !== undefined || options.targetOption !== undefined)) throw new UsageError('--target-model and --target-option go with --target');
  if (options.targetOption !== undefined) parseTargetOptions(options.targetOption);
  const formats = parseFormats(options.format);
  const shard: Shard | undefined = options.shard === undefined ? undefined : parseShard(options.shard);
  if (options.replay !== undefined && patterns.length === 0) throw new UsageError('--replay needs --claims: replay the claim whose failure printed the command');
  if (options.replay !== undefined && options.seed !== undefined) throw new UsageError('--replay and --seed both set the seed: give one');
  const baseline: Baseline | undefined = options.baseline === undefined ? undefined : await readBaseline(options.baseline);
  const claims = shard === undefined ? selection.claims : shardOf(selection.claims, shard);
  const seed = options.replay ?? options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const outDir = path.resolve(options.out);
  const files = fileFormats(formats);
  const bench = files.includes('html') ? await readBenchResults(path.resolve(options.bench ?? DEFAULT_BENCH)) : {};
  if (options.bench !== undefined && bench.results === undefined && bench.problem === undefined) throw new UsageError(`--bench ${options.bench}: no such file`);

  const load = files.includes('html') ? await readBenchResults(path.resolve(options.load ?? DEFAULT_LOAD)) : {};
  if (options.load !== undefined && load.results === undefined && load.problem === undefined) throw new UsageError(`--load ${options.load}: no such file`);

  const fileReporter = new FileReporter(outDir, files, {
    ...(bench.results ? { bench: bench.results } : {}),
    ...(bench.problem ? { benchProblem: bench.problem } : {}),
    ...(load.results ? { load: load.results } : {}),
    ...(load.problem ? { loadProblem: load.problem } : {}),
  });
  const inner: Reporter[] = [...(formats.includes('console') ? [new ConsoleReporter()] : []), fileReporter];
  const finishing = new FinishingReporter((report) => {
    let finished: RunReport = shard === undefined ? report : { ...report, shard };
    finished = withReplayCommands(finished, {
      impl: options.impl,
      ...(options.catalog === undefined ? {} : { catalog: options.catalog }),
      repeatScale: options.repeatScale,
      ...(options.budgetRuns === undefined ? {} : { budgetRuns: options.budgetRuns }),
      ...(options.budgetMs === undefined ? {} : { budgetMs: options.budgetMs }),
      ...(options.timeScale === undefined ? {} : { timeScale: options.timeScale }),
    });
    return baseline === undefined ? finished : applyBaseline(finished, baseline, options.baseline!);
  }, inner);

  const implementation: Implementation = options.target === undefined ? await resolveImplementation(options.impl) : await targetImplementation(options);
  const controller = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stoppedBy !== undefined) process.exit(signal === 'SIGTERM' ? EXIT_TERMINATED : EXIT_INTERRUPTED);
    stoppedBy = signal;
    process.stderr.write(`\nconform: ${signal === 'SIGTERM' ? 'terminated' : 'interrupted'}; stopping and writing the partial report (${signal === 'SIGINT' ? 'Ctrl-C' : signal} again to quit at once)\n`);
    controller.abort();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  for (const s of signals) process.on(s, onSignal);
  try {
    const report = await runClaims({
      implementation,
      claims,
      seed,
      repeatScale: options.repeatScale,
      budget: { runs: options.budgetRuns ?? DEFAULT_PROPERTY_BUDGET.runs, ms: options.budgetMs ?? DEFAULT_PROPERTY_BUDGET.ms },
      ...(options.timeScale === undefined ? {} : { timeScale: options.timeScale }),
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      selection: patterns,
      signal: controller.signal,
      reporters: [finishing],
    });
    if (fileReporter.written.length > 0) process.stdout.write(`${writtenFilesText(fileReporter.written)}\n`);
    const finished = finishing.finished ?? report;
    if (!finished.complete) return stoppedBy === 'SIGTERM' ? EXIT_TERMINATED : EXIT_INTERRUPTED;
    if (finished.baseline !== undefined) return passesGate(finished) ? 0 : 1;
    return succeeded(finished) ? 0 : 1;
  } finally {
    for (const s of signals) process.off(s, onSignal);
    await implementation.close();
  }
}

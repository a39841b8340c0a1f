import * as path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { BaselineError } from '../gate/baseline-file';
import { MergeError } from '../report/merge-reports';
import { ReportFileError } from '../report/report-file';
import { FormatError } from '../report/report-formats';
import { ShardSyntaxError } from '../runner/shard';
import { DEFAULT_PROPERTY_BUDGET } from '../runner/property-check';
import { baselineUpdateCommand, DEFAULT_BASELINE } from './baseline-command';
import { CatalogError } from './catalog';
import { UnknownImplementationError } from './implementation-registry';
import { listCommand } from './list-command';
import { DEFAULT_MERGE_OUT, reportMergeCommand } from './report-merge-command';
import { registerFtpCommands } from './ftp-command';
import { runCommand, type RunCommandOptions } from './run-command';
import { EXIT_USAGE, UsageError } from './usage-error';

/**
 * `conform`, the command line (bin/conform.js runs this file through tsx). Commands return an
 * exit code; mistakes in the call (UsageError, an unknown --impl, an unloadable catalog) print
 * one line and exit with 2, anything else is a bug and prints its stack.
 */

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('must be an integer');
  return n;
}

function positiveInteger(value: string): number {
  const n = integer(value);
  if (n <= 0) throw new InvalidArgumentError('must be an integer > 0');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a number > 0');
  return n;
}

const DEFAULT_BENCH_TEXT = 'reports/bench.json';

function buildProgram(setExitCode: (code: number) => void): Command {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require('../../package.json') as { version: string };
  const program = new Command('conform')
    .description('Conformance suite for the concurrency and networking semantics of the seed documents')
    .version(version);

  program
    .command('run')
    .description('run claims against an implementation and write reports')
    .option('--impl <spec>', 'implementation to test', 'reference')
    .option('--claims <pattern...>', 'claim ids, topics, or globs such as "lock.*" (default: all)')
    .option('--out <dir>', 'directory for the report files', 'reports/latest/')
    .option('--seed <n>', 'seed for generated scenarios (default: random, recorded in the report)', integer)
    .option('--repeat-scale <x>', 'multiply every check\'s repeat count', positiveNumber, 1)
    .option('--budget-runs <n>', `generated scenarios per property claim (default ${DEFAULT_PROPERTY_BUDGET.runs})`, positiveInteger)
    .option('--budget-ms <n>', `time cap per property claim in ms, shrinking included (default ${DEFAULT_PROPERTY_BUDGET.ms})`, positiveInteger)
    .option('--time-scale <x>', 'multiply every scenario\'s time unit and deadline (sleeps, timeouts); below 1 runs faster, above 1 is gentler on a loaded machine', positiveNumber, 1)
    .option('--concurrency <n>', 'how many claims may run at once; claims that judge timing still run alone, and an implementation that serves one run at a time caps it', positiveInteger, 1)
    .option('--catalog <module>', 'a module exporting `claims` instead of spec/index.ts')
    .option('--format <format...>', 'console, json, tap, junit, html; several at once (default: all)')
    .option('--baseline <file>', 'known failures per implementation: exit non-zero only on new failures and unexpected passes')
    .option('--shard <i/n>', 'run the i-th of n deterministic parts of the selected claims')
    .option('--replay <seed>', 'generate the selected claims\' scenarios from this seed (printed next to failures)', integer)
    .option('--bench <file>', `benchmark results to chart in the HTML report (default: ${DEFAULT_BENCH_TEXT} when present)`)
    .option('--load <file>', 'load-test results to chart in the HTML report (default: reports/load.json when present)')
    .option('--target <host:port>', 'judge a server someone else wrote, listening on loopback, with the claims that probe servers (instead of --impl)')
    .option('--target-protocol <protocol>', 'what the --target server speaks: echo-upper, echo-upper-udp, remote-command, upload, hmac-echo-upper, ftp', 'echo-upper')
    .option('--target-model <model>', "the --target server's concurrency model, if known: serial, threading, forking, event-loop, threading-joined, listener-per-client")
    .option('--target-option <key=value...>', 'what probes need to know about the --target server (credentials, a trigger that makes its handler raise)')
    .action(async (opts: RunCommandOptions, command: Command) => {
      setExitCode(await runCommand({ ...opts, implGiven: command.getOptionValueSource('impl') === 'cli' }));
    });

  program
    .command('report')
    .description('work with report files')
    .command('merge')
    .description('merge report.json files (shards, or runs of several implementations) into one report')
    .argument('<report...>', 'report.json files')
    .option('--out <dir>', 'directory for the merged report files', DEFAULT_MERGE_OUT)
    .option('--format <format...>', 'console, json, tap, junit, html (default: all)')
    .option('--baseline <file>', 'compare the merged runs with a baseline of known failures')
    .option('--catalog <module>', 'order claims as this catalog does instead of spec/index.ts')
    .option('--bench <file>', `benchmark results to chart (default: ${DEFAULT_BENCH_TEXT} when present)`)
    .action(async (files: string[], opts: { out: string; format?: string[]; baseline?: string; catalog?: string; bench?: string }) => {
      setExitCode(await reportMergeCommand(files, opts));
    });

  program
    .command('baseline')
    .description('work with baselines of known failures')
    .command('update')
    .description('write the baseline that makes the given reports pass, keeping existing reasons')
    .option('--file <baseline>', 'the baseline file to write', DEFAULT_BASELINE)
    .option('--from <report...>', 'report.json files to take results from', ['reports/latest/report.json'])
    .option('--reason <text>', 'the reason recorded for new entries (default: the failure and the date)')
    .action(async (opts: { file: string; from: string[]; reason?: string }) => {
      setExitCode(await baselineUpdateCommand(opts));
    });

  program
    .command('list')
    .description('list the claim catalog grouped by topic')
    .option('--json', 'print the claims as a JSON array')
    .option('--topic <topic>', 'only claims of this topic')
    .option('--catalog <module>', 'a module exporting `claims` instead of spec/index.ts')
    .action((opts: { json?: boolean; topic?: string; catalog?: string }) => {
      setExitCode(listCommand(opts));
    });

  registerFtpCommands(program, setExitCode);

  return program;
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (
      e instanceof UsageError ||
      e instanceof UnknownImplementationError ||
      e instanceof CatalogError ||
      e instanceof FormatError ||
      e instanceof ShardSyntaxError ||
      e instanceof BaselineError ||
      e instanceof ReportFileError ||
      e instanceof MergeError
    ) {
      process.stderr.write(`conform: ${e.message}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`conform: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

// bin/conform.js only requires this file, so "run when loaded by the bin" is the entry test.
const BIN = path.join(__dirname, '..', '..', 'bin', 'conform.js');
if (require.main === module || require.main?.filename === BIN) {
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
}

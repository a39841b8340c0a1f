import * as path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { CatalogError } from './catalog';
import { UnknownImplementationError } from './implementation-registry';
import { listCommand } from './list-command';
import { runCommand } from './run-command';
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

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a number > 0');
  return n;
}

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
    .option('--out <dir>', 'directory for report.json', 'reports/latest/')
    .option('--seed <n>', 'seed for generated scenarios (default: random, recorded in the report)', integer)
    .option('--repeat-scale <x>', 'multiply every check\'s repeat count', positiveNumber, 1)
    .option('--catalog <module>', 'a module exporting `claims` instead of spec/index.ts')
    .action(async (opts: { impl: string; claims?: string[]; out: string; seed?: number; repeatScale: number; catalog?: string }) => {
      setExitCode(await runCommand(opts));
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

  return program;
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof UsageError || e instanceof UnknownImplementationError || e instanceof CatalogError) {
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

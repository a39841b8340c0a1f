/**
 * `npm run bench:suite`: how long a full `conform run` takes on this machine, per implementation,
 * and where the time goes (the slowest claims). Runs the CLI as a user would (one child process
 * per implementation, one after the other), writes reports/suite-timing.json and rewrites the
 * "The suite itself" section of docs/PERFORMANCE.md (the rest of that file is `npm run bench`'s).
 * Options: --impl <name> (repeatable; default reference and python), --concurrency <n> (default 1),
 * --time-scale <x> (default 1), --seed <n>, --note <text> (said next to the figures); or --report <report.json> (repeatable) to take runs
 * already made instead of running the suite (their wall-clock is then the report's own).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { timeSpent } from '../harness/report/slowest-claims';
import type { RunReport } from '../harness/runner/report-model';
import { claims as catalog } from '../spec';
import { isolationOf } from '../harness/runner/claim-isolation';
import { claimShape } from './claim-shapes';
import { replaceSuiteSection, type SuiteTiming, type SuiteTimings } from './suite-timing-doc';

const ROOT = path.join(__dirname, '..');
const REPORT_PATH = path.join(ROOT, 'reports', 'suite-timing.json');
const DOC_PATH = path.join(ROOT, 'docs', 'PERFORMANCE.md');
/** The targets for a full run on a 2-core machine. */
const TARGET_SECONDS: Record<string, number> = { reference: 60, python: 120 };

function option(args: string[], name: string): string[] {
  return args.flatMap((a, i) => (a === name && i + 1 < args.length ? [args[i + 1]] : []));
}

function runCli(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'conform.js'), 'run', ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const stop = () => child.kill('SIGINT');
    process.once('SIGINT', stop);
    child.on('error', reject);
    child.on('exit', (code) => {
      process.off('SIGINT', stop);
      resolve(code ?? 1);
    });
  });
}

async function timeOne(impl: string, concurrency: number, timeScale: number, seed: number): Promise<SuiteTiming> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `conform-suite-${impl}-`));
  try {
    const started = performance.now();
    const exitCode = await runCli(['--impl', impl, '--format', 'json', '--out', out, '--seed', String(seed), '--concurrency', String(concurrency), '--time-scale', String(timeScale)]);
    const processMs = performance.now() - started;
    return timingOf(JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as RunReport, exitCode, processMs);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function timingOf(report: RunReport, exitCode: number, processMs: number): SuiteTiming {
  const impl = report.implementation.name;
  const spent = timeSpent(report);
  return {
    impl,
    runtime: report.implementation.runtime,
    concurrency: report.concurrency ?? 1,
    timeScale: report.timeScale ?? 1,
    exitCode,
    processMs: Math.round(processMs),
    wallMs: spent.wallMs,
    claimsMs: Math.round(spent.claimsMs),
    claims: report.summary.total,
    summary: { pass: report.summary.pass, fail: report.summary.fail, error: report.summary.error },
    slowest: spent.slowest,
    byShape: timeByShape(report),
    failed: report.claims.filter((c) => c.verdict === 'fail' || c.verdict === 'error').map((c) => ({ id: c.id, verdict: c.verdict })),
    ...(TARGET_SECONDS[impl] === undefined ? {} : { targetMs: TARGET_SECONDS[impl] * 1000 }),
  };
}

/** The claims' time by what they run and whether they ran alone (claims the catalog no longer has are left out). */
function timeByShape(report: RunReport): SuiteTiming['byShape'] {
  const byId = new Map(catalog.map((c) => [c.id, c]));
  const rows = new Map<string, SuiteTiming['byShape'][number]>();
  for (const result of report.claims) {
    const claim = byId.get(result.id);
    if (claim === undefined || result.durationMs === 0) continue;
    const shape = claimShape(claim, report.seed);
    const isolation = isolationOf(claim, report.seed);
    const key = `${shape}/${isolation}`;
    const row = rows.get(key) ?? { shape, isolation, claims: 0, ms: 0 };
    row.claims++;
    row.ms += result.durationMs;
    rows.set(key, row);
  }
  return [...rows.values()].map((r) => ({ ...r, ms: Math.round(r.ms) })).sort((a, b) => b.ms - a.ms);
}

function timingOfFile(file: string): SuiteTiming {
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as RunReport;
  const failed = report.summary.fail + report.summary.error > 0;
  return timingOf(report, failed ? 1 : 0, timeSpent(report).wallMs);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const impls = option(args, '--impl');
  const concurrency = Number(option(args, '--concurrency')[0] ?? 1);
  const timeScale = Number(option(args, '--time-scale')[0] ?? 1);
  const seed = Number(option(args, '--seed')[0] ?? 20261123);
  const runs: SuiteTiming[] = option(args, '--report').map(timingOfFile);
  for (const impl of runs.length > 0 ? [] : impls.length > 0 ? impls : ['reference', 'python']) {
    console.log(`bench:suite: ${impl} (concurrency ${concurrency}, time scale ${timeScale})...`);
    const timing = await timeOne(impl, concurrency, timeScale, seed);
    console.log(`bench:suite: ${impl}: ${(timing.processMs / 1000).toFixed(1)} s, ${timing.summary.pass} pass, ${timing.summary.fail} fail, ${timing.summary.error} error`);
    runs.push(timing);
  }
  // The load average only describes runs made here, not reports taken from elsewhere.
  const measuredHere = option(args, '--report').length === 0;
  const note = option(args, '--note')[0];
  const timings: SuiteTimings = { date: new Date().toISOString(), cores: os.availableParallelism(), ...(measuredHere ? { loadAverage: os.loadavg()[0] } : {}), ...(note === undefined ? {} : { note }), runs };
  fs.mkdirSync(path.dirname(REPORT_PATH), { recursive: true });
  fs.writeFileSync(REPORT_PATH, `${JSON.stringify(timings, null, 2)}\n`);
  fs.writeFileSync(DOC_PATH, replaceSuiteSection(fs.readFileSync(DOC_PATH, 'utf8'), timings));
  console.log(`bench:suite: wrote ${path.relative(ROOT, REPORT_PATH)} and the suite section of ${path.relative(ROOT, DOC_PATH)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

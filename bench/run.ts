/**
 * `npm run bench`: measures the reference implementation, then the CPython baseline, on this
 * machine in this run; writes reports/bench.json and rewrites docs/PERFORMANCE.md.
 * Options (all integers): --duration-ms, --repetitions, --warmup, --items, --deadline-ms.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildReport } from './bench-report';
import { describeMachine } from './machine';
import { renderPerformanceDoc, renderFigureTable } from './performance-doc';
import { runPythonBaseline } from './python-baseline';
import { measureReference } from './reference-suite';
import { HTTP_SERVER_SETTINGS, measureHttpServers } from './http-servers';
import { parseSettings } from './settings';

const ROOT = path.join(__dirname, '..');
const REPORT_PATH = path.join(ROOT, 'reports', 'bench.json');
const DOC_PATH = path.join(ROOT, 'docs', 'PERFORMANCE.md');

async function main(): Promise<void> {
  const settings = parseSettings(process.argv.slice(2));
  // Worker threads die with the process; the Python child would not, so a signal kills it first.
  const abort = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      abort.abort();
      process.exit(130);
    });
  }

  const started = Date.now();
  console.log(`bench: reference implementation (${settings.repetitions} repetitions per figure)...`);
  const reference = await measureReference(settings);
  console.log('bench: CPython baseline...');
  const baseline = await runPythonBaseline(settings, { signal: abort.signal });

  console.log('bench: HTTP servers under autocannon...');
  const httpServers = await measureHttpServers(HTTP_SERVER_SETTINGS);

  const report = { ...buildReport(settings, describeMachine(baseline), reference, baseline), httpServers };
  fs.mkdirSync(path.dirname(REPORT_PATH), { recursive: true });
  fs.writeFileSync(REPORT_PATH, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(DOC_PATH, renderPerformanceDoc(report));

  console.log(`\n${renderFigureTable(report)}\n`);
  console.log(`bench: done in ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${path.relative(ROOT, REPORT_PATH)} and ${path.relative(ROOT, DOC_PATH)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

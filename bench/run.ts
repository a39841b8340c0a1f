/**
 * `npm run bench`: measures the reference implementation and its Node baselines, then the CPython
 * baseline, on this machine in this run; writes reports/bench.json and rewrites docs/PERFORMANCE.md.
 * Options (all integers): --duration-ms, --repetitions, --warmup, --items, --deadline-ms.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildReport } from './bench-report';
import { describeMachine } from './machine';
import { renderPerformanceDoc, renderFigureTable, renderCheckerTable } from './performance-doc';
import { runPythonBaseline } from './python-baseline';
import { measureNodeSide } from './reference-suite';
import { HTTP_SERVER_SETTINGS, measureHttpServers } from './http-servers';
import { measureChecker } from './checker-timing';
import { parseSettings } from './settings';
import { replaceSuiteSection, suiteSectionOf, type SuiteTimings } from './suite-timing-doc';

const ROOT = path.join(__dirname, '..');
const REPORT_PATH = path.join(ROOT, 'reports', 'bench.json');
const DOC_PATH = path.join(ROOT, 'docs', 'PERFORMANCE.md');
/** Written by `npm run bench:suite`; its section is kept when this run rewrites the document. */
const SUITE_TIMING_PATH = path.join(ROOT, 'reports', 'suite-timing.json');

/** The new document with the suite's timing section: from the latest measurement, else as the old document had it. */
function withSuiteSection(doc: string): string {
  if (fs.existsSync(SUITE_TIMING_PATH)) return replaceSuiteSection(doc, JSON.parse(fs.readFileSync(SUITE_TIMING_PATH, 'utf8')) as SuiteTimings);
  const kept = fs.existsSync(DOC_PATH) ? suiteSectionOf(fs.readFileSync(DOC_PATH, 'utf8')) : undefined;
  return kept === undefined ? doc : `${doc.trimEnd()}\n\n${kept}`;
}

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
  const loadAtStart = os.loadavg()[0];
  console.log(`bench: reference implementation and Node baselines (${settings.repetitions} repetitions per figure)...`);
  const node = await measureNodeSide(settings, undefined, (part) => console.log(`bench:   ${part}`));
  console.log('bench: CPython baseline...');
  const baseline = await runPythonBaseline(settings, { signal: abort.signal });

  console.log('bench: linearizability checker...');
  const checker = measureChecker(settings);

  console.log('bench: HTTP servers under autocannon...');
  const httpServers = await measureHttpServers(HTTP_SERVER_SETTINGS);

  const loadAverage = { start: loadAtStart, end: os.loadavg()[0] };
  const report = { ...buildReport(settings, describeMachine(baseline), node.reference, node.baselines, baseline, loadAverage), httpServers, checkers: [checker] };
  fs.mkdirSync(path.dirname(REPORT_PATH), { recursive: true });
  fs.writeFileSync(REPORT_PATH, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(DOC_PATH, withSuiteSection(renderPerformanceDoc(report)));

  console.log(`\n${renderFigureTable(report)}\n\n${renderCheckerTable(report)}\n`);
  console.log(`bench: done in ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${path.relative(ROOT, REPORT_PATH)} and ${path.relative(ROOT, DOC_PATH)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

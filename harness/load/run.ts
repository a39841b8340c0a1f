/**
 * `npm run load`: the longer load test. Every server (the reference's four socketserver models,
 * Node's http, CPython's ThreadingHTTPServer) is started in a process of its own and loaded by
 * autocannon in turn, with the I/O-bound handler at several connection counts and the CPU-bound
 * one at two; then the load claims' judges run over the whole run, and reports/load.json is
 * written for the HTML report. Options: --seconds N (per run, default 10), --warmup N (default 5).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadWorkKind } from '../../impl/net/http';
import { LOAD_CPU_ITERATIONS, LOAD_SLEEP_MS } from '../../spec/load';
import type { Judgement } from '../../spec/claim';
import {
  judgeMoreConnectionsNotFasterOne,
  judgeNoLatencyAdvantageForOne,
  judgeScalesWithConnections,
  judgeSerialBound,
} from '../checkers/load-ratios';
import { runLoad } from './autocannon-run';
import { buildLoadReport } from './load-report';
import type { LoadSample } from './load-sample';
import { startLoadServer, type LoadServerKind } from './server-process';

const REPORT_PATH = path.join(__dirname, '../../reports/load.json');

/**
 * What runs: server, work, connection counts. The reference's thread and process per connection
 * stop at 4: each connection's worker or child loads its modules through tsx, which on this
 * shared 2-core machine took longer than the warm-up for 8 and more (0 responses from 32
 * threads and from 8 processes in a 6 s run at load average 28).
 */
const PLAN: { server: LoadServerKind; work: LoadWorkKind; connections: number[] }[] = [
  ...(['serial', 'event-loop', 'node-http', 'cpython-threading'] as const).map((server) => ({ server, work: 'sleep' as const, connections: [1, 8, 32] })),
  ...(['threading', 'forking'] as const).map((server) => ({ server, work: 'sleep' as const, connections: [1, 4] })),
  ...(['serial', 'threading', 'event-loop', 'node-http'] as const).map((server) => ({ server, work: 'cpu' as const, connections: [1, 8] })),
];

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i < 0 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`--${name} needs a whole number`);
  return value;
}

async function main(): Promise<void> {
  const seconds = option('seconds', 10);
  const warmupSeconds = option('warmup', 5);
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  const samples: LoadSample[] = [];
  for (const step of PLAN) {
    if (abort.signal.aborted) break;
    const server = await startLoadServer({ server: step.server, work: step.work, context: { sleepMs: LOAD_SLEEP_MS, cpuIterations: LOAD_CPU_ITERATIONS } });
    try {
      for (const connections of step.connections) {
        const sample = await runLoad({ server: step.server, work: step.work }, { host: server.host, port: server.port, connections, seconds, warmupSeconds, signal: abort.signal });
        samples.push(sample);
        console.log(`load: ${step.server} ${step.work} c=${connections}: ${sample.requestsPerSecond.toFixed(0)} req/s, mean ${sample.latencyMeanMs.toFixed(1)} ms`);
      }
    } finally {
      await server.stop();
    }
  }
  const sleep = samples.filter((s) => s.work === 'sleep');
  const cpu = samples.filter((s) => s.work === 'cpu');
  const verdicts: [string, Judgement][] = [
    ['serial: one request at a time', judgeSerialBound(sleep, 'serial', LOAD_SLEEP_MS)],
    ...(['threading', 'forking', 'event-loop', 'node-http', 'cpython-threading'] as const).map((s): [string, Judgement] => [`${s}: scales with connections (I/O-bound)`, judgeScalesWithConnections(sleep, s)]),
    ['event-loop: more connections, not a faster one', judgeMoreConnectionsNotFasterOne(sleep, 'event-loop', LOAD_SLEEP_MS)],
    ['event-loop vs threading: no latency advantage for one connection', judgeNoLatencyAdvantageForOne(sleep, 'event-loop', 'threading')],
    ['event-loop: CPU-bound work one request at a time', judgeSerialBound(cpu, 'event-loop')],
  ];
  for (const [name, j] of verdicts) console.log(`${j.ok ? 'PASS' : 'FAIL'} ${name}: ${j.message}`);
  const report = buildLoadReport({ seconds, warmupSeconds, sleepMs: LOAD_SLEEP_MS, cpuIterations: LOAD_CPU_ITERATIONS }, samples, verdicts);
  fs.mkdirSync(path.dirname(REPORT_PATH), { recursive: true });
  fs.writeFileSync(REPORT_PATH, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`load: wrote ${path.relative(process.cwd(), REPORT_PATH)}`);
  if (verdicts.some(([, j]) => !j.ok)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

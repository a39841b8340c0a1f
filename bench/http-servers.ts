/**
 * Issue 10's server figure: the reference's thread-per-connection and event-loop servers
 * against Node's own http server and CPython's ThreadingHTTPServer, each in a process of its
 * own, loaded in turn by the same autocannon settings in the same run (harness/load/). The
 * handler does no work (`hello`), so the figure is the servers' own cost per request. Targets,
 * as ratios of medians: at least 0.9× Node's http and at least 3× CPython.
 */
import { runLoad } from '../harness/load/autocannon-run';
import { startLoadServer, type LoadServerKind } from '../harness/load/server-process';
import { summarize, type Summary } from './statistics';

export const HTTP_SERVER_TARGETS = { nodeHttp: 0.9, cpython: 3 } as const;
const MEASURED: readonly LoadServerKind[] = ['threading', 'event-loop', 'node-http', 'cpython-threading'];
const CONNECTIONS = 10;

export interface HttpServerSettings {
  repetitions: number;
  /** Seconds per repetition, the first `warmupSeconds` not measured (threads start then). */
  seconds: number;
  warmupSeconds: number;
}

export interface HttpServerFigure {
  connections: number;
  settings: HttpServerSettings;
  /** Requests per second, per server. */
  servers: Partial<Record<LoadServerKind, Summary>>;
  /** Reference model → its median over each baseline's median. */
  ratios: { model: LoadServerKind; nodeHttp: number; cpython: number; meetsNodeHttp: boolean; meetsCpython: boolean }[];
}

/** Thread per connection starts a worker per connection: seconds on a loaded machine, hence the warm-up. */
export const HTTP_SERVER_SETTINGS: HttpServerSettings = { repetitions: 3, seconds: 8, warmupSeconds: 4 };

export async function measureHttpServers(settings: HttpServerSettings): Promise<HttpServerFigure> {
  const samples = new Map<LoadServerKind, number[]>(MEASURED.map((s) => [s, []]));
  // Repetitions interleave the servers, so a burst of load on the shared machine hits them all.
  for (let round = 0; round < settings.repetitions; round++) {
    for (const server of MEASURED) {
      const started = await startLoadServer({ server, work: 'hello' });
      try {
        const sample = await runLoad({ server, work: 'hello' }, { host: started.host, port: started.port, connections: CONNECTIONS, seconds: settings.seconds, warmupSeconds: settings.warmupSeconds });
        samples.get(server)!.push(sample.requestsPerSecond);
      } finally {
        await started.stop();
      }
    }
  }
  const servers = Object.fromEntries([...samples].map(([s, v]) => [s, summarize(v)])) as Record<LoadServerKind, Summary>;
  const ratios = (['threading', 'event-loop'] as const).map((model) => {
    const nodeHttp = servers[model].median / servers['node-http'].median;
    const cpython = servers[model].median / servers['cpython-threading'].median;
    return { model, nodeHttp, cpython, meetsNodeHttp: nodeHttp >= HTTP_SERVER_TARGETS.nodeHttp, meetsCpython: cpython >= HTTP_SERVER_TARGETS.cpython };
  });
  return { connections: CONNECTIONS, settings, servers, ratios };
}

const rate = (s: Summary | undefined) => (s === undefined ? 'n/a' : `${s.median.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`);

/** The PERFORMANCE.md section: the table, the targets met or missed, and why where missed. */
export function renderHttpServerSection(figure: HttpServerFigure): string {
  const rows = MEASURED.map((s) => `| ${s} | ${rate(figure.servers[s])} |`);
  const verdicts = figure.ratios.map(
    (r) =>
      `- ${r.model}: ${r.nodeHttp.toFixed(2)}× Node's http (target ${HTTP_SERVER_TARGETS.nodeHttp}×: ${r.meetsNodeHttp ? 'met' : `missed by ${((1 - r.nodeHttp / HTTP_SERVER_TARGETS.nodeHttp) * 100).toFixed(0)}%`}), ` +
      `${r.cpython.toFixed(2)}× CPython's ThreadingHTTPServer (target ${HTTP_SERVER_TARGETS.cpython}×: ${r.meetsCpython ? 'met' : `missed by ${((1 - r.cpython / HTTP_SERVER_TARGETS.cpython) * 100).toFixed(0)}%`}).`,
  );
  const threading = figure.ratios.find((r) => r.model === 'threading');
  const why =
    threading !== undefined && !threading.meetsNodeHttp
      ? [
          '',
          'Why thread per connection misses: Node cannot hand an accepted socket to a worker thread, so the',
          'accepting thread keeps it and relays (impl/net/socketserver/socket-port-bridge.ts): every request',
          'is a message to the worker with the bytes, an acknowledgement of the bytes read, a message back with',
          'the response and an acknowledgement that it was written — four postMessage hops and two event-loop',
          'wake-ups per request, plus ten worker event loops competing with the relay for two cores. Node\'s',
          'http and the event-loop server parse and answer on the thread that owns the socket. What would',
          'close it: batching the read acknowledgements (only needed near the high-water mark), answering',
          'writes without a round trip (sendall resolving on the owner\'s write callback, reported lazily), or',
          'passing the file descriptor itself to the worker, which Node does not offer for threads.',
        ]
      : [];
  const spread = Math.max(...Object.values(figure.servers).map((s) => (s.min > 0 ? s.max / s.min : Infinity)));
  const noise =
    spread > 1.5
      ? [
          '',
          `The repetitions of one server differ by up to ${Number.isFinite(spread) ? `${spread.toFixed(1)}×` : 'everything (a repetition answered nothing)'} between min and max: the machine`,
          'was busy with other work during the run, so ratios inside that spread are not evidence either way.',
        ]
      : [];
  return [
    '## HTTP servers under autocannon',
    '',
    `Requests per second with ${figure.connections} keep-alive connections on loopback, a handler that does no work,`,
    `median (min–max) of ${figure.settings.repetitions} repetitions of ${figure.settings.seconds - figure.settings.warmupSeconds} s measured after ${figure.settings.warmupSeconds} s of warm-up;`,
    'each server in a process of its own, the servers interleaved in every round (bench/http-servers.ts).',
    '',
    '| Server | Requests/s |',
    '| --- | ---: |',
    ...rows,
    '',
    ...verdicts,
    ...noise,
    ...why,
    '',
  ].join('\n');
}

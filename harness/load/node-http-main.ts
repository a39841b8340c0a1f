/**
 * Node's own `http` server, the load tests' first baseline, doing the same work as the
 * reference's load handlers (impl/net/http/load-handlers.ts) and started the same way as
 * impl/net/http/serve-main.ts: argv[2] a request as JSON (`work`, `context`), `listening <port>`
 * on stdout, gone on SIGTERM or when stdin closes.
 */
import * as http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_CPU_ITERATIONS, DEFAULT_SLEEP_MS, spin, type LoadWork } from '../../impl/net/http/load-handlers';
import type { LoadWorkKind } from '../../impl/net/http/serve-request';

async function answer(work: LoadWorkKind, context: LoadWork): Promise<string> {
  if (work === 'sleep') {
    const ms = context.sleepMs ?? DEFAULT_SLEEP_MS;
    await sleep(ms);
    return `slept ${ms} ms\n`;
  }
  if (work === 'cpu') return `${spin(context.cpuIterations ?? DEFAULT_CPU_ITERATIONS)}\n`;
  return 'hello\n';
}

function main(): void {
  const request = JSON.parse(process.argv[2] ?? '') as { work: LoadWorkKind; context?: LoadWork };
  const server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    req.resume();
    void answer(request.work, request.context ?? {}).then((body) => {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.listen({ host: '127.0.0.1', port: 0, backlog: 512 }, () => {
    const address = server.address();
    process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
  });
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}

main();

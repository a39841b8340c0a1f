/**
 * One socketserver HTTP server in a process of its own, for load tests: the load generator
 * (autocannon) must not share the server's event loop, or the event-loop server would be
 * measured together with its client. argv[2] is a ServeRequest as JSON. Prints
 * `listening <port>` once bound; stops (server_close, which releases every connection, thread
 * and child) on SIGTERM or when stdin closes, so a parent that dies takes it along.
 */
import * as path from 'node:path';
import { EventLoopTCPServer, ForkingTCPServer, TCPServer, ThreadingTCPServer, type HandlerModule } from '../socketserver';
import { LOAD_WORK_KINDS, SOCKETSERVER_MODELS, type LoadWorkKind, type ServeRequest } from './serve-request';

const HANDLERS = path.join(__dirname, 'load-handlers.ts');
const HANDLER_NAMES: Record<LoadWorkKind, string> = { sleep: 'SleepHttpHandler', cpu: 'CpuHttpHandler', hello: 'HelloHttpHandler' };

function createServer(request: ServeRequest): TCPServer {
  const handler: HandlerModule = { module: HANDLERS, name: HANDLER_NAMES[request.work] };
  // A load test opens its connections all at once: the backlog must hold them all.
  const options = { context: { ...request.context }, requestQueueSize: 512, closeTimeoutMs: 1000, handleError: () => undefined };
  const address: [string, number] = ['127.0.0.1', 0];
  switch (request.model) {
    case 'serial':
      return new TCPServer(address, handler, options);
    case 'threading':
      return new ThreadingTCPServer(address, handler, options);
    case 'forking':
      return new ForkingTCPServer(address, handler, options);
    case 'event-loop':
      return new EventLoopTCPServer(address, handler, options);
  }
}

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '') as ServeRequest;
  if (!SOCKETSERVER_MODELS.includes(request.model) || !LOAD_WORK_KINDS.includes(request.work)) throw new Error(`serve-main: bad request ${process.argv[2]}`);
  const server = createServer(request);
  await server.server_activate();
  const serving = server.serve_forever();
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await server.server_close();
      await serving;
      process.exit(0);
    })());
  process.once('SIGTERM', () => void stop());
  process.stdin.on('end', () => void stop());
  process.stdin.on('error', () => void stop());
  process.stdin.resume();
  process.stdout.write(`listening ${server.server_address[1]}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

// The issue-3 probes against real reference servers: each tells the server it is about from one
// that is not (a probe that passed everything would judge nothing).
import { ServerRegistry, REFERENCE_SERVERS } from '../../harness/adapters/reference/servers';
import { probeProcessPerConnection } from '../../harness/net-probes/identity-probe';
import { probeQueuedClients } from '../../harness/net-probes/queued-client-probe';
import type { RunningServer, ServerRequest } from '../../harness/server/server-model';

const registry = new ServerRegistry(REFERENCE_SERVERS);
afterAll(() => registry.stopAll());

async function withServer<T>(request: ServerRequest, body: (server: RunningServer) => Promise<T>): Promise<T> {
  const server = await registry.start(request);
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}

test('the queued-client probe passes 002\'s listener-per-client server and fails a server that listens once', async () => {
  const lpc = await withServer({ protocol: 'echo-upper', model: 'listener-per-client' }, (s) => probeQueuedClients([s.target.host, s.target.port]));
  expect(lpc.verdict).toBe('pass');
  const threading = await withServer({ protocol: 'echo-upper', model: 'event-loop' }, (s) => probeQueuedClients([s.target.host, s.target.port]));
  expect(threading.verdict).toBe('fail');
}, 60_000);

test('the process-per-connection probe passes the forking server and fails the threading one', async () => {
  const forking = await withServer({ protocol: 'echo-upper', model: 'forking' }, (s) => probeProcessPerConnection([s.target.host, s.target.port], s.target.info));
  expect(forking).toMatchObject({ verdict: 'pass' });
  const threading = await withServer({ protocol: 'echo-upper', model: 'threading' }, (s) => probeProcessPerConnection([s.target.host, s.target.port], s.target.info));
  expect(threading).toMatchObject({ verdict: 'fail' });
}, 60_000);

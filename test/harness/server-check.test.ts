import type { Claim, ServerCheck } from '../../spec/claim';
import type { Capability } from '../../harness/capability';
import type { Implementation } from '../../harness/implementation';
import { runClaims } from '../../harness/runner/runner';
import { ServerUnavailable, type RunningServer, type ServerRequest } from '../../harness/server/server-model';
import type { RunReport } from '../../harness/runner/report-model';

// Server checks through the runner with hand-made implementations: who starts and stops the
// server, and which verdict each way of going wrong gets.

const source = { doc: 'd.txt', section: 's', quote: 'q' };

function claim(check: ServerCheck, capabilities: Capability[] = ['echo-upper-server']): Claim {
  return { id: 'srv.x', title: 'x', topic: 'srv', source, kind: 'executable', level: 'MUST', capabilities, tags: [], check };
}

class ServerImplementation implements Implementation {
  readonly name = 'fake';
  readonly version = '0';
  readonly runtime = 'test';
  readonly capabilities = new Set<Capability>(['echo-upper-server']);
  started: ServerRequest[] = [];
  stops = 0;

  constructor(private readonly start: (request: ServerRequest) => Promise<RunningServer> | RunningServer = () => this.server()) {}

  server(facts: Record<string, number> = {}): RunningServer {
    return { target: { host: '127.0.0.1', port: 9, info: { secret: 's' } }, facts, stop: async () => void this.stops++ };
  }

  runScenario(): never {
    throw new Error('no scenarios here');
  }

  async startServer(request: ServerRequest): Promise<RunningServer> {
    this.started.push(request);
    return this.start(request);
  }

  async close(): Promise<void> {}
}

const run = (c: Claim, implementation: Implementation): Promise<RunReport> => runClaims({ implementation, claims: [c], seed: 7 });

describe('server checks', () => {
  it('start the requested server, probe its target and stop it; the judgement decides the verdict', async () => {
    const impl = new ServerImplementation();
    const seen: unknown[] = [];
    const check: ServerCheck = {
      type: 'server',
      server: { protocol: 'echo-upper', model: 'threading' },
      probe: async (target, ctx) => (seen.push(target, ctx.seed), { ok: false, message: 'served one at a time', evidence: { events: ['a', 'b'] } }),
    };
    const report = await run(claim(check), impl);
    expect(impl.started).toEqual([{ protocol: 'echo-upper', model: 'threading' }]);
    expect(seen).toEqual([{ host: '127.0.0.1', port: 9, info: { secret: 's' } }, 7]);
    expect(impl.stops).toBe(1);
    expect(report.claims[0]).toMatchObject({ verdict: 'fail', message: 'served one at a time', evidence: { server: 'echo-upper (threading)', target: '127.0.0.1:9', probe: { events: ['a', 'b'] } } });
  });

  it('read the server facts after the probe, so they include what the probe made happen', async () => {
    const facts = { errors: 0 };
    const impl: ServerImplementation = new ServerImplementation((): RunningServer => impl.server(facts));
    const check: ServerCheck = { type: 'server', server: { protocol: 'echo-upper' }, probe: async () => (facts.errors = 1, { ok: true, message: 'ok' }) };
    const report = await run(claim(check), impl);
    expect(report.claims[0]).toMatchObject({ verdict: 'pass', evidence: { facts: { errors: 1 } } });
  });

  it('start a baseline server alongside when the check has one, hand its target to the probe, and stop both', async () => {
    let port = 9;
    const impl: ServerImplementation = new ServerImplementation((): RunningServer => ({ ...impl.server(), target: { host: '127.0.0.1', port: port++, info: {} } }));
    const seen: unknown[] = [];
    const check: ServerCheck = {
      type: 'server',
      server: { protocol: 'echo-upper', model: 'forking' },
      baseline: { protocol: 'echo-upper', model: 'threading' },
      probe: async (target, ctx) => (seen.push(target.port, ctx.baseline?.port), { ok: true, message: 'compared' }),
    };
    const report = await run(claim(check), impl);
    expect(impl.started.map((r) => r.model)).toEqual(['forking', 'threading']);
    expect(seen).toEqual([9, 10]);
    expect(impl.stops).toBe(2);
    expect(report.claims[0]).toMatchObject({ verdict: 'pass', evidence: { server: 'echo-upper (forking)', baseline: 'echo-upper (threading)' } });
  });

  it('are not applicable when the baseline server cannot be started, and stop the main one', async () => {
    const impl: ServerImplementation = new ServerImplementation((request): RunningServer => {
      if (request.model === 'threading') throw new ServerUnavailable('no threads here');
      return impl.server();
    });
    const check: ServerCheck = { type: 'server', server: { protocol: 'echo-upper', model: 'forking' }, baseline: { protocol: 'echo-upper', model: 'threading' }, probe: async () => ({ ok: true, message: 'ok' }) };
    expect((await run(claim(check), impl)).claims[0]).toMatchObject({ verdict: 'not-applicable', message: 'baseline: no threads here' });
    expect(impl.stops).toBe(1);
  });

  it('are not applicable when the implementation has no such server, or starts no servers at all', async () => {
    const check: ServerCheck = { type: 'server', server: { protocol: 'echo-upper', model: 'forking' }, probe: async () => ({ ok: true, message: 'ok' }) };
    const unavailable = new ServerImplementation(() => {
      throw new ServerUnavailable('no forking here');
    });
    expect((await run(claim(check), unavailable)).claims[0]).toMatchObject({ verdict: 'not-applicable', message: 'no forking here' });
    const { startServer: _none, ...noServers } = new ServerImplementation();
    const plain: Implementation = { ...noServers, name: 'plain', close: async () => undefined, runScenario: () => Promise.reject(new Error('x')) };
    expect((await run(claim(check), plain)).claims[0]).toMatchObject({ verdict: 'not-applicable', message: 'plain starts no servers (echo-upper (forking) asked for)' });
  });

  it('report a server that fails to start, a probe that throws and one that hangs as errors, stopping the server each time', async () => {
    const broken = new ServerImplementation(() => {
      throw new Error('EADDRINUSE');
    });
    const ok: ServerCheck = { type: 'server', server: { protocol: 'echo-upper' }, probe: async () => ({ ok: true, message: 'ok' }) };
    expect((await run(claim(ok), broken)).claims[0]).toMatchObject({ verdict: 'error', message: 'fake could not start the echo-upper server: Error: EADDRINUSE' });

    const impl = new ServerImplementation();
    const throws: ServerCheck = { ...ok, probe: async () => Promise.reject(new Error('ECONNRESET')) };
    expect((await run(claim(throws), impl)).claims[0]).toMatchObject({ verdict: 'error', message: "the check's probe threw: Error: ECONNRESET" });
    expect(impl.stops).toBe(1);

    let aborted = false;
    const hangs: ServerCheck = {
      ...ok,
      deadlineMs: 50,
      probe: (_target, ctx) => new Promise(() => ctx.signal.addEventListener('abort', () => (aborted = true))),
    };
    expect((await run(claim(hangs), impl)).claims[0]).toMatchObject({ verdict: 'error', message: "the check's probe threw: Error: the probe did not finish within 50 ms" });
    expect(aborted).toBe(true);
    expect(impl.stops).toBe(2);
  });
});

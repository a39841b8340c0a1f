// Black-box probes judged against the reference servers (which must pass, each with its own
// service model) and against deliberately broken servers (which must fail).
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { type ProbeResult, parseTarget, probeConcurrency, probeEchoUpper, probeHandlerException, probeResetSurvival, probeServer } from '../../harness/net-probes';
import {
  BaseRequestHandler,
  EventLoopTCPServer,
  ForkingTCPServer,
  type HandlerModule,
  RAISE_TRIGGER,
  TCPServer,
  ThreadingTCPServer,
  asciiUpper,
} from '../../impl/net/socketserver';
import { expectNoLeaks, snapshot, type ResourceSnapshot } from './helpers/leaks';

const ECHO: HandlerModule = { module: path.join(__dirname, '../../impl/net/socketserver/echo-upper-handler.ts'), name: 'EchoUpperHandler' };
const quiet = { handleError: () => undefined };

let atStart: ResourceSnapshot;
beforeAll(() => {
  atStart = snapshot();
});
afterAll(async () => {
  await expectNoLeaks(atStart);
});

const verdicts = (results: ProbeResult[]) => Object.fromEntries(results.map((r) => [r.probe, r.verdict]));

describe.each([
  { name: 'TCPServer', expected: 'serial' as const, make: () => new TCPServer(['127.0.0.1', 0], ECHO, quiet) },
  { name: 'EventLoopTCPServer', expected: 'concurrent' as const, make: () => new EventLoopTCPServer(['127.0.0.1', 0], ECHO, quiet) },
  { name: 'ThreadingTCPServer', expected: 'concurrent' as const, make: () => new ThreadingTCPServer(['127.0.0.1', 0], ECHO, quiet) },
  { name: 'ThreadingTCPServer joining each thread', expected: 'serial' as const, make: () => new ThreadingTCPServer(['127.0.0.1', 0], ECHO, { ...quiet, joinEachThread: true }) },
  { name: 'ForkingTCPServer', expected: 'concurrent' as const, make: () => new ForkingTCPServer(['127.0.0.1', 0], ECHO, quiet) },
])('the reference $name', ({ expected, make }) => {
  test(`passes every probe, judged ${expected}`, async () => {
    const server = make();
    await server.server_activate();
    const serving = server.serve_forever();
    try {
      const results = await probeServer(['127.0.0.1', server.server_address[1]], expected, { exceptionTrigger: RAISE_TRIGGER, timeout: 20 });
      expect(verdicts(results)).toEqual({
        'echo-upper': 'pass',
        [`serves-${expected}`]: 'pass',
        'survives-reset': 'pass',
        'survives-handler-exception': 'pass',
      });
      // ...and the opposite expectation fails on the same server.
      const opposite = await probeConcurrency(['127.0.0.1', server.server_address[1]], expected === 'serial' ? 'concurrent' : 'serial', { timeout: 20 });
      expect(opposite.verdict).toBe('fail');
    } finally {
      await server.server_close();
      await serving;
    }
  });
});

/** A raw echo-upper server that dies (stops listening) at the first socket error or trigger. */
async function fragileServer() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const crash = () => {
      server.close();
      for (const s of sockets) s.destroy();
    };
    socket.on('error', crash);
    socket.on('data', (data) => (data.includes(RAISE_TRIGGER) ? crash() : socket.write(asciiUpper(data))));
    socket.on('end', () => socket.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    },
  };
}

describe('broken servers fail the probes', () => {
  test('a server that answers in lower case fails echo-upper', async () => {
    class Lowercase extends BaseRequestHandler {
      override async handle(): Promise<void> {
        for (let d = await this.request.recv(1024); d.length > 0; d = await this.request.recv(1024)) await this.request.sendall(d.toString('latin1').toLowerCase());
      }
    }
    const server = new EventLoopTCPServer(['127.0.0.1', 0], Lowercase, quiet);
    await server.server_activate();
    const serving = server.serve_forever();
    const result = await probeEchoUpper(['127.0.0.1', server.server_address[1]]);
    expect(result.verdict).toBe('fail');
    expect(result.message).toMatch(/expected its upper-case echo/);
    await server.server_close();
    await serving;
  });

  test('a server that dies on a reset client fails survives-reset', async () => {
    const server = await fragileServer();
    expect((await probeEchoUpper(['127.0.0.1', server.port])).verdict).toBe('pass');
    const result = await probeResetSurvival(['127.0.0.1', server.port], { timeout: 5 });
    expect(result.verdict).toBe('fail');
    await server.close();
  });

  test('a server that dies when a handler raises fails survives-handler-exception', async () => {
    const server = await fragileServer();
    const result = await probeHandlerException(['127.0.0.1', server.port], { exceptionTrigger: RAISE_TRIGGER, timeout: 5 });
    expect(result.verdict).toBe('fail');
    await server.close();
  });

  test('without a trigger the exception probe is unsupported (it cannot run), not a pass', async () => {
    expect((await probeHandlerException(['127.0.0.1', 9])).verdict).toBe('unsupported');
  });

  test('nothing listening: every probe fails to connect', async () => {
    const closed = await fragileServer();
    const port = closed.port;
    await closed.close();
    expect((await probeEchoUpper(['127.0.0.1', port])).message).toMatch(/ConnectionRefusedError/);
  });
});

describe('parseTarget', () => {
  test('host:port and [v6]:port on loopback', () => {
    expect(parseTarget('127.0.0.1:8080')).toEqual(['127.0.0.1', 8080]);
    expect(parseTarget('[::1]:9000')).toEqual(['::1', 9000]);
    expect(parseTarget('localhost:1')).toEqual(['localhost', 1]);
  });

  test('anything else is refused with a reason', () => {
    expect(() => parseTarget('example.com:80')).toThrow(/loopback/);
    expect(() => parseTarget('127.0.0.1')).toThrow(/host:port/);
    expect(() => parseTarget('127.0.0.1:70000')).toThrow(/1-65535/);
  });
});

describe("001's socketserver server running under python3, probed from outside", () => {
  const startPython = async (kind: 'threading' | 'serial') => {
    const child = spawn('python3', [path.join(__dirname, 'fixtures/python_echo_upper_server.py'), kind], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (line: Buffer) => resolve(Number(line.toString().trim())));
      child.once('exit', (code) => reject(new Error(`python3 exited with ${code}`)));
    });
    const stop = () =>
      new Promise<void>((resolve) => {
        child.once('close', () => resolve());
        child.kill('SIGKILL');
      });
    return { port, stop };
  };

  test.each([
    ['threading', 'concurrent'],
    ['serial', 'serial'],
  ] as const)('socketserver %s server: echo-upper, %s, survives resets; the exception probe has no trigger', async (kind, expected) => {
    const server = await startPython(kind);
    try {
      const results = await probeServer(['127.0.0.1', server.port], expected, { timeout: 20 });
      expect(verdicts(results)).toEqual({
        'echo-upper': 'pass',
        [`serves-${expected}`]: 'pass',
        'survives-reset': 'pass',
        'survives-handler-exception': 'unsupported',
      });
    } finally {
      await server.stop();
    }
  });
});

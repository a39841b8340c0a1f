import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { EventLoopTCPServer, TCPServer, ThreadingTCPServer, type HandlerErrorReport, type HandlerModule, type ServerOptions } from '../../impl/net/socketserver';
import { encodeResponse, RequestParser } from '../../impl/net/http';
import { expectNoLeaks, snapshot, type ResourceSnapshot } from './helpers/leaks';

let atStart: ResourceSnapshot;
beforeAll(() => {
  atStart = snapshot();
});
afterAll(async () => {
  await expectNoLeaks(atStart);
});

const HANDLERS = path.join(__dirname, '../../impl/net/http/load-handlers.ts');
const HELLO: HandlerModule = { module: HANDLERS, name: 'HelloHttpHandler' };

const MODELS: { name: string; make(h: HandlerModule, o: ServerOptions): TCPServer }[] = [
  { name: 'EventLoopTCPServer', make: (h, o) => new EventLoopTCPServer(['127.0.0.1', 0], h, o) },
  { name: 'ThreadingTCPServer', make: (h, o) => new ThreadingTCPServer(['127.0.0.1', 0], h, o) },
];

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of running.splice(0)) await stop();
});

async function start(model: (typeof MODELS)[number]) {
  const errors: HandlerErrorReport[] = [];
  const server = model.make(HELLO, { handleError: (r) => errors.push(r) });
  await server.server_activate();
  const serving = server.serve_forever();
  running.push(async () => {
    await server.server_close();
    await serving;
  });
  return { port: server.server_address[1], errors };
}

/** Sends `bytes` on a fresh connection and collects everything until the server closes (or `untilBytes` arrive). */
function rawExchange(port: number, bytes: string | Buffer, options: { endAfterWrite?: boolean; until?: (got: string) => boolean } = {}): Promise<{ text: string; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closedByServer: false });
    }, 5000);
    socket.on('connect', () => {
      socket.write(bytes);
      if (options.endAfterWrite) socket.end();
    });
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (options.until?.(text)) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ text, closedByServer: false });
      }
    });
    socket.on('end', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closedByServer: true });
    });
    socket.on('error', reject);
  });
}

const count = (text: string, what: string) => text.split(what).length - 1;

describe.each(MODELS)('HTTPRequestHandler on $name', (model) => {
  test('answers a GET with 200, a Content-Length, and keeps the connection alive for the next request', async () => {
    const { port, errors } = await start(model);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const ports: number[] = [];
      for (let i = 0; i < 3; i++) {
        const { status, body, localPort } = await new Promise<{ status: number; body: string; localPort: number }>((resolve, reject) => {
          const req = http.get({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body, localPort: req.socket?.localPort ?? 0 }));
          });
          req.on('error', reject);
        });
        expect(status).toBe(200);
        expect(body).toBe('hello\n');
        ports.push(localPort);
      }
      expect(new Set(ports).size).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      agent.destroy();
    }
  });

  test('answers pipelined requests in order on one connection', async () => {
    const { port } = await start(model);
    const two = 'GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n';
    const { text } = await rawExchange(port, two, { until: (t) => count(t, 'hello\n') === 2 });
    expect(count(text, 'HTTP/1.1 200 OK')).toBe(2);
  });

  test('closes after a request with Connection: close, and after an HTTP/1.0 request without keep-alive', async () => {
    const { port } = await start(model);
    const closing = await rawExchange(port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(closing.closedByServer).toBe(true);
    expect(closing.text).toContain('Connection: close');
    const old = await rawExchange(port, 'GET / HTTP/1.0\r\n\r\n');
    expect(old.closedByServer).toBe(true);
    expect(old.text).toMatch(/^HTTP\/1.1 200 OK/);
  });

  test.each([
    ['a request line that is not HTTP', 'GARBAGE\r\n\r\n'],
    ['an unknown method', 'FROB / HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a request line without a version', 'GET /\r\n\r\n'],
    ['binary garbage', '\x00\x01\x02\r\n\r\n'],
    ['a Content-Length that is not a number', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'],
    ['two different Content-Lengths', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab'],
    ['headers over the parser limit', `GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(100 * 1024)}\r\n\r\n`],
  ])('answers %s with 400, closes, and goes on serving', async (_what, request) => {
    const { port, errors } = await start(model);
    const bad = await rawExchange(port, request);
    expect(bad.text).toMatch(/^HTTP\/1.1 400 Bad Request\r\n/);
    expect(bad.text).toContain('Connection: close');
    expect(bad.closedByServer).toBe(true);
    const good = await rawExchange(port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(good.text).toContain('hello');
    expect(errors).toEqual([]);
  });

  test('a client that leaves mid-request or resets costs the server nothing', async () => {
    const { port, errors } = await start(model);
    await rawExchange(port, 'GET / HTTP/1.1\r\nHost: x\r\n', { endAfterWrite: true });
    await new Promise<void>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write('GET / HTTP/1.1\r\n');
        socket.resetAndDestroy();
        resolve();
      });
    });
    const good = await rawExchange(port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(good.text).toContain('hello');
    expect(errors).toEqual([]);
  });
});

describe('RequestParser and encodeResponse', () => {
  test('a request split at every byte parses the same as one chunk', () => {
    const raw = Buffer.from('POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello');
    const parser = new RequestParser();
    const got = [...raw].flatMap((b) => parser.feed(Buffer.from([b])));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ method: 'POST', url: '/x', version: '1.1', keepAlive: true, headers: [['host', 'h'], ['content-length', '5']] });
    expect(got[0]!.body.toString()).toBe('hello');
    expect(parser.error).toBeNull();
  });

  test('a body over the limit is a bad request', () => {
    const parser = new RequestParser();
    parser.feed(Buffer.from(`POST / HTTP/1.1\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`));
    parser.feed(Buffer.alloc(1024 * 1024 + 1));
    expect(parser.error?.message).toMatch(/over/);
  });

  test('responses carry Content-Length, and Connection only where the default differs', () => {
    expect(encodeResponse({ status: 200, body: 'ok' }, true).toString()).toBe('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    expect(encodeResponse({ status: 400 }, false).toString()).toContain('Connection: close');
    expect(encodeResponse({ status: 200 }, true, '1.0').toString()).toContain('Connection: keep-alive');
  });
});

describe('RequestParser head limit', () => {
  test('a head over the limit is refused however it is split, one just under it is not', () => {
    const head = (size: number) => `GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(size)}\r\n\r\n`;
    for (const chunk of [1000, 64 * 1024, 1 << 20]) {
      const over = new RequestParser();
      const raw = Buffer.from(head(90 * 1024));
      for (let i = 0; i < raw.length; i += chunk) over.feed(raw.subarray(i, i + chunk));
      expect(over.error?.message).toMatch(/head over/);
      const under = new RequestParser();
      const ok = Buffer.from(head(70 * 1024) + head(70 * 1024));
      const got = [];
      for (let i = 0; i < ok.length; i += chunk) got.push(...under.feed(ok.subarray(i, i + chunk)));
      expect(under.error).toBeNull();
      expect(got).toHaveLength(2);
    }
  });
});

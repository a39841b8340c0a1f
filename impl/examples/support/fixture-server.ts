import * as http from 'node:http';
import * as net from 'node:net';
import { Process, Queue } from '../../process';

/**
 * A local stand-in for the web the documents' crawlers fetch: an HTTP server on 127.0.0.1 whose
 * pages say how to answer in their own URL, so a crawler can be given slow pages, failing pages
 * and unreachable ones without any network:
 *
 *   /page/<name>?size=<bytes>&status=<code>&delay=<ms>
 *
 * answers `status` (200 by default) after `delay` ms with a body of `size` bytes.
 *
 * The server runs in a daemonic process of its own (startFixtureProcess), as the web is
 * elsewhere: a crawler whose main process is busy (a blocking callback) does not stall it.
 */

export interface FixtureServer {
  /** e.g. http://127.0.0.1:34567 */
  readonly baseUrl: string;
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const size = Number(url.searchParams.get('size') ?? 1000);
    const status = Number(url.searchParams.get('status') ?? 200);
    const delay = Number(url.searchParams.get('delay') ?? 0);
    setTimeout(() => {
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
      response.end(`<html>${'x'.repeat(Math.max(0, size - 13))}</html>`);
    }, delay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL nobody listens on (a port bound and released at once): fetching it is refused. */
export async function refusedUrl(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/page/unreachable`;
}

export interface PagePlan {
  name: string;
  status?: number;
  delayMs?: number;
  size?: number;
}

export function pageUrl(server: { baseUrl: string }, plan: PagePlan): string {
  return `${server.baseUrl}/page/${plan.name}?size=${plan.size ?? 1000}&status=${plan.status ?? 200}&delay=${plan.delayMs ?? 0}`;
}

/** Target of the server process: serves until terminated, after telling `ready` its base URL. */
export async function serveFixtures(ready: Queue<string>): Promise<void> {
  const server = await startFixtureServer();
  await ready.put(server.baseUrl);
  await new Promise<never>(() => undefined);
}

/** Starts the fixture server in a daemonic child process and returns its base URL. */
export async function startFixtureProcess(): Promise<{ baseUrl: string }> {
  const ready = new Queue<string>();
  new Process({ target: serveFixtures, args: [ready], daemon: true }).start();
  return { baseUrl: await ready.get() };
}

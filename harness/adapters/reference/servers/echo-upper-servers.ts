import * as path from 'node:path';
import type { Json } from '../../../scenario/model';
import type { RunningServer, ServerRequest } from '../../../server/server-model';
import {
  EventLoopTCPServer,
  ForkingTCPServer,
  RAISE_TRIGGER,
  TCPServer,
  ThreadingTCPServer,
  UDPServer,
  WHOAMI_QUERY,
  type HandlerErrorReport,
  type HandlerModule,
  type ServerOptions,
} from '../../../../impl/net/socketserver';
import { ListenerPerClientServer } from '../../../../impl/net/socketserver/listener-per-client-server';
import type { ServerFactory } from './server-factory';

/**
 * The documents' echo-upper service (001 §九: recv(1024), reply data.upper(), stop on b'') in
 * socketserver's concurrency models, for the server checks of spec/socketserver.ts. Handler
 * errors are kept, not printed: a claim about a raising handler reads them from the facts.
 */

const HANDLERS = path.join(__dirname, '../../../../impl/net/socketserver/echo-upper-handler.ts');
const TCP_HANDLER: HandlerModule = { module: HANDLERS, name: 'EchoUpperHandler' };
const UDP_HANDLER: HandlerModule = { module: HANDLERS, name: 'UdpEchoUpperHandler' };

/** socketserver's TCP classes (and the select loop) by the model names of server requests. */
const TCP_MODELS: Record<string, (handler: HandlerModule, options: ServerOptions) => TCPServer> = {
  threading: (h, o) => new ThreadingTCPServer(['127.0.0.1', 0], h, o),
  // 002's `t.start(); t.join()`: a thread per connection, joined before the next accept.
  'threading-joined': (h, o) => new ThreadingTCPServer(['127.0.0.1', 0], h, { ...o, joinEachThread: true }),
  serial: (h, o) => new TCPServer(['127.0.0.1', 0], h, o),
  forking: (h, o) => new ForkingTCPServer(['127.0.0.1', 0], h, o),
  'event-loop': (h, o) => new EventLoopTCPServer(['127.0.0.1', 0], h, o),
};

/**
 * What a probe learns about the reference's echo-upper server besides its address: the bytes
 * that make its handler raise, the query its handler answers with its identity, and the pid of
 * the process that accepts (and, for the event loop, serves).
 */
function info(): { [key: string]: Json } {
  return { exceptionTrigger: RAISE_TRIGGER.toString('latin1'), whoamiQuery: WHOAMI_QUERY.toString('latin1'), pid: process.pid };
}

function errorFacts(errors: HandlerErrorReport[]): Json {
  return errors.map((e) => ({ client: e.client_address.join(':'), error: e.error.name, message: e.error.message }));
}

export const echoUpperTcp: ServerFactory = {
  protocol: 'echo-upper',
  models: [...Object.keys(TCP_MODELS), 'listener-per-client'],
  async start(request: ServerRequest & { model: string }): Promise<RunningServer> {
    if (request.model === 'listener-per-client') return startListenerPerClient();
    const errors: HandlerErrorReport[] = [];
    const server = TCP_MODELS[request.model]!(TCP_HANDLER, { handleError: (r) => errors.push(r) });
    await server.server_activate();
    const serving = server.serve_forever();
    const [host, port] = server.server_address;
    let stopped: Promise<void> | undefined;
    return {
      target: { host, port, info: info() },
      get facts() {
        const facts: { [key: string]: Json } = { class: server.constructor.name, pid: process.pid, handlerErrors: errorFacts(errors) };
        if (server instanceof ForkingTCPServer) facts.childPids = [...server.childPids];
        return facts;
      },
      stop: () =>
        (stopped ??= (async () => {
          await server.server_close();
          await serving;
        })()),
    };
  },
};

/** 002's listener-per-client loop (socketserver.listener-per-client), not one of socketserver's classes. */
async function startListenerPerClient(): Promise<RunningServer> {
  const server = new ListenerPerClientServer();
  await server.server_activate();
  const serving = server.serve_forever();
  const [host, port] = server.server_address;
  let stopped: Promise<void> | undefined;
  return {
    target: { host, port, info: {} },
    facts: { class: 'ListenerPerClientServer', pid: process.pid },
    stop: () =>
      (stopped ??= (async () => {
        await server.server_close();
        await serving.catch(() => undefined);
      })()),
  };
}

export const echoUpperUdp: ServerFactory = {
  protocol: 'echo-upper-udp',
  models: ['serial'],
  async start(): Promise<RunningServer> {
    const errors: HandlerErrorReport[] = [];
    const server = new UDPServer(['127.0.0.1', 0], UDP_HANDLER, { handleError: (r) => errors.push(r) });
    await server.server_activate();
    const serving = server.serve_forever();
    const [host, port] = server.server_address;
    let stopped: Promise<void> | undefined;
    return {
      target: { host, port, info: info() },
      get facts() {
        return { class: 'UDPServer', pid: process.pid, handlerErrors: errorFacts(errors) };
      },
      stop: () =>
        (stopped ??= (async () => {
          await server.server_close();
          await serving;
        })()),
    };
  },
};

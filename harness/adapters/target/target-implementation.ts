import * as net from 'node:net';
import { isCapability, type Capability } from '../../capability';
import type { Implementation } from '../../implementation';
import type { Json, Scenario } from '../../scenario/model';
import type { ScenarioResult } from '../../scenario/result';
import { ServerUnavailable, type RunningServer, type ServerRequest } from '../../server/server-model';

/**
 * `conform run --target host:port`: a server someone else wrote, judged as a black box by the
 * claims whose check is a server check, the way Autobahn|Testsuite judges third-party servers.
 * It speaks one protocol; claims about a concurrency model run only when the user says which
 * model the server has (a probe cannot know what the server was meant to be).
 */

export interface TargetOptions {
  host: string;
  port: number;
  /** What the server speaks: `echo-upper` (default), `echo-upper-udp`, `ftp`, ... */
  protocol: string;
  /** socketserver's model the server is built on (`serial`, `threading`, `forking`, `event-loop`), if known. */
  model?: string;
  /** What probes need to know (credentials, a trigger that makes the handler raise), from `--target-option k=v`. */
  info: { [key: string]: Json };
}

export class TargetImplementation implements Implementation {
  readonly name: string;
  readonly version = 'unknown';
  readonly runtime: string;
  readonly capabilities: ReadonlySet<Capability>;

  constructor(private readonly options: TargetOptions) {
    this.name = `target ${options.host}:${options.port}`;
    this.runtime = `black box speaking ${options.protocol}${options.model === undefined ? '' : `, declared ${options.model}`}`;
    const capability = `${options.protocol}-server`;
    this.capabilities = new Set(isCapability(capability) ? [capability] : []);
  }

  runScenario(_scenario: Scenario): Promise<ScenarioResult> {
    return Promise.reject(new Error('a --target server runs server checks only'));
  }

  async startServer(request: ServerRequest): Promise<RunningServer> {
    const { protocol, model, host, port, info } = this.options;
    if (request.protocol !== protocol) throw new ServerUnavailable(`the target speaks ${protocol}, not ${request.protocol}`);
    if (request.model !== undefined && request.model !== model) {
      throw new ServerUnavailable(
        model === undefined
          ? `the claim is about a ${request.model} server and the target's model is not known (pass --target-model ${request.model} if it is one)`
          : `the target is a ${model} server, not ${request.model}`,
      );
    }
    return { target: { host, port, info }, facts: { blackBox: true, ...(model === undefined ? {} : { declaredModel: model }) }, stop: async () => undefined };
  }

  async close(): Promise<void> {}
}

/** Resolves once something accepts a TCP connection at host:port; rejects with why not. */
export function assertListening(host: string, port: number, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(`nothing accepts connections at ${host}:${port} (${why})`));
    };
    socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs} ms`));
    socket.once('error', (e: NodeJS.ErrnoException) => fail(e.code ?? e.message));
    socket.once('connect', () => {
      socket.end();
      socket.destroy();
      resolve();
    });
  });
}

import type { RunningServer, ServerRequest } from '../../../server/server-model';
import { LOAD_WORK_KINDS, SOCKETSERVER_MODELS, type LoadWorkKind } from '../../../../impl/net/http/serve-request';
import { startLoadServer } from '../../../load/server-process';
import type { ServerFactory } from './server-factory';

/**
 * The HTTP load handlers (impl/net/http/load-handlers.ts) in socketserver's concurrency models,
 * for the load claims of spec/load.ts. The server runs in a process of its own, so the probe's
 * load generator never shares its event loop. Options: `work` (sleep, cpu, hello), `sleepMs`,
 * `cpuIterations`.
 */
export const httpLoadServer: ServerFactory = {
  protocol: 'http-load',
  models: SOCKETSERVER_MODELS,
  async start(request: ServerRequest & { model: string }): Promise<RunningServer> {
    const options = request.options ?? {};
    const work = (LOAD_WORK_KINDS as readonly string[]).includes(String(options.work)) ? (options.work as LoadWorkKind) : 'sleep';
    const context = {
      ...(typeof options.sleepMs === 'number' ? { sleepMs: options.sleepMs } : {}),
      ...(typeof options.cpuIterations === 'number' ? { cpuIterations: options.cpuIterations } : {}),
    };
    const server = await startLoadServer({ server: request.model as (typeof SOCKETSERVER_MODELS)[number], work, context });
    return {
      target: { host: server.host, port: server.port, info: { work, ...context } },
      facts: { model: request.model, pid: server.pid },
      stop: () => server.stop(),
    };
  },
};

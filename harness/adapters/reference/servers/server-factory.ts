import { ServerUnavailable, type RunningServer, type ServerRequest } from '../../../server/server-model';

/**
 * One protocol the reference can serve for server checks; each lives in a file of its own, so
 * adding a server (the FTP service, say) is adding a factory to the list in index.ts.
 */
export interface ServerFactory {
  readonly protocol: string;
  /** The concurrency models it offers; the first is used when a request names none. */
  readonly models: readonly string[];
  start(request: ServerRequest & { model: string }): Promise<RunningServer>;
}

export class ServerRegistry {
  private readonly running = new Set<RunningServer>();

  constructor(private readonly factories: readonly ServerFactory[]) {}

  /** Protocols served, for capability lists (`<protocol>-server`). */
  get protocols(): string[] {
    return this.factories.map((f) => f.protocol);
  }

  async start(request: ServerRequest): Promise<RunningServer> {
    const factory = this.factories.find((f) => f.protocol === request.protocol);
    if (factory === undefined) throw new ServerUnavailable(`the reference serves no ${request.protocol} (it serves ${this.protocols.join(', ')})`);
    const model = request.model ?? factory.models[0]!;
    if (!factory.models.includes(model)) throw new ServerUnavailable(`the reference's ${request.protocol} server comes in ${factory.models.join(', ')}, not ${model}`);
    const server = await factory.start({ ...request, model });
    // Tracked so that closing the implementation stops a server whose check was abandoned.
    this.running.add(server);
    return {
      target: server.target,
      get facts() {
        return server.facts;
      },
      stop: async () => {
        this.running.delete(server);
        await server.stop();
      },
    };
  }

  async stopAll(): Promise<void> {
    const all = [...this.running];
    this.running.clear();
    await Promise.allSettled(all.map((s) => s.stop()));
  }
}

import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { bundleOf } from '../../../../impl/process/bundle';
import type { HostToExecutor } from './host-protocol';

/**
 * Actor host processes. Starting a Node process costs tens of milliseconds and a racy claim
 * runs its scenario many times, so a host whose actor finished cleanly is kept for the next
 * run. Hosts for actors started by a `start` op are started fresh at that moment instead, so
 * that `start` really is asking the OS for a new process. Idle hosts do not keep the harness
 * alive, and close() kills every host and waits until each has exited.
 */

export interface Host {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly id: number;
  exited: boolean;
  /** Resolves with how the process ended. */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once the host has loaded and reported `idle` (rejects if it dies first). */
  readonly booted: Promise<void>;
  /** The last lines the host wrote to stderr, for crash reports. */
  stderrTail(): string;
}

export interface HostPoolStats {
  /** Host processes that exist now (idle or busy). */
  live: number;
  idle: number;
  /** Host processes started over the pool's life. */
  spawned: number;
}

const ACTOR_HOST_MODULE = path.join(__dirname, 'actor-host.ts');
const STDERR_TAIL_BYTES = 4096;

export class HostPool {
  private readonly idle: Host[] = [];
  private readonly live = new Set<Host>();
  private spawned = 0;
  private closed = false;

  constructor(
    private readonly maxIdle = 64,
    private readonly bootTimeoutMs = 60_000,
  ) {}

  stats(): HostPoolStats {
    return { live: this.live.size, idle: this.idle.length, spawned: this.spawned };
  }

  /** `count` booted hosts, idle ones first. All or nothing. */
  async acquire(count: number): Promise<Host[]> {
    if (this.closed) throw new Error('the actor host pool is closed');
    const reused = this.idle.splice(0, Math.min(count, this.idle.length)).filter((h) => !h.exited);
    const fresh = Array.from({ length: count - reused.length }, () => this.spawn());
    const booted = await Promise.allSettled(fresh.map((h) => this.awaitBoot(h)));
    const failure = booted.find((b): b is PromiseRejectedResult => b.status === 'rejected');
    if (failure !== undefined || this.closed) {
      reused.forEach((h) => this.release(h));
      await Promise.all(fresh.map((h) => this.discard(h)));
      throw failure === undefined ? new Error('the actor host pool was closed while starting hosts') : (failure.reason as Error);
    }
    const hosts = [...reused, ...fresh];
    hosts.forEach((h) => this.hold(h));
    return hosts;
  }

  /** Starts a host at once (fork returns when the OS has created the process); await `booted` before using it. */
  spawnNow(): Host {
    if (this.closed) throw new Error('the actor host pool is closed');
    const host = this.spawn();
    this.hold(host);
    void this.awaitBoot(host).catch(() => undefined);
    return host;
  }

  /** Takes back a host whose actor finished cleanly. */
  release(host: Host): void {
    if (host.exited) return;
    host.child.removeAllListeners('message');
    if (this.closed || this.idle.length >= this.maxIdle) {
      void this.discard(host);
      return;
    }
    host.child.unref();
    host.child.channel?.unref();
    this.idle.push(host);
  }

  /** Kills a host and resolves once it has exited. */
  async discard(host: Host): Promise<void> {
    const at = this.idle.indexOf(host);
    if (at >= 0) this.idle.splice(at, 1);
    if (!host.exited) host.child.kill('SIGKILL');
    await host.exit;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.idle.length = 0;
    await Promise.all([...this.live].map((h) => this.discard(h)));
  }

  private hold(host: Host): void {
    host.child.ref();
    host.child.channel?.ref();
  }

  private spawn(): Host {
    const child = fork(bundleOf(ACTOR_HOST_MODULE), [], {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    if (child.pid === undefined) throw new Error('the operating system refused to start an actor host');
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    child.on('error', () => undefined);
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.once('exit', (code, signal) => {
        host.exited = true;
        this.live.delete(host);
        const at = this.idle.indexOf(host);
        if (at >= 0) this.idle.splice(at, 1);
        resolve({ code, signal });
      });
    });
    const booted = new Promise<void>((resolve, reject) => {
      const onMessage = (message: HostToExecutor) => {
        if (message.type !== 'idle') return;
        child.off('message', onMessage);
        resolve();
      };
      child.on('message', onMessage);
      void exit.then(({ code, signal }) => reject(new Error(`an actor host exited before it was ready (code ${code}, signal ${signal}): ${stderr}`)));
    });
    booted.catch(() => undefined);
    const host: Host = { child, pid: child.pid, id: ++this.spawned, exited: false, exit, booted, stderrTail: () => stderr };
    this.live.add(host);
    return host;
  }

  private async awaitBoot(host: Host): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`an actor host did not start within ${this.bootTimeoutMs} ms`)), this.bootTimeoutMs);
    });
    try {
      await Promise.race([host.booted, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

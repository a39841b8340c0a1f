import type { Capability } from '../../capability';
import type { Implementation, RunOptions } from '../../implementation';
import type { Scenario } from '../../scenario/model';
import type { ScenarioResult } from '../../scenario/result';
import { assertValidScenario } from '../../scenario/validate';
import { AdapterProcess, AdapterStartError, identityOf, type AdapterIdentity } from './adapter-process';
import type { AdapterCommand } from './process-group';
import { exchangeScenario } from './scenario-exchange';

/**
 * An implementation in another process, spoken to over the adapter protocol (protocol.ts). It
 * is started once to learn who it is (the handshake gives name, version, runtime and
 * capabilities), serves one scenario at a time, and is started afresh for the next scenario
 * whenever the previous one ended with it killed, crashed or announcing its exit. A restarted
 * adapter must introduce itself exactly as the first one did.
 */

export interface ProcessImplementationOptions {
  command: AdapterCommand;
  /** How long a (re)started adapter has to send its hello. Default 10 s. */
  handshakeTimeoutMs?: number;
  /** How long past a run's deadline its answer may take before the adapter is killed. Default 5 s. */
  replyGraceMs?: number;
  /** How long an adapter that announced its exit, or was asked to shut down, gets. Default 2 s. */
  exitGraceMs?: number;
  /** Consecutive failed restarts after which the adapter is not started again. Default 3. */
  maxFailedStarts?: number;
}

const DEFAULTS = { handshakeTimeoutMs: 10_000, replyGraceMs: 5_000, exitGraceMs: 2_000, maxFailedStarts: 3 };

function sameIdentity(a: AdapterIdentity, b: AdapterIdentity): boolean {
  const caps = (x: AdapterIdentity) => [...x.capabilities].sort().join(',');
  return a.name === b.name && a.version === b.version && a.runtime === b.runtime && caps(a) === caps(b);
}

function describeIdentity(x: AdapterIdentity): string {
  return `${x.name} ${x.version} (${x.runtime}; ${[...x.capabilities].sort().join(', ')})`;
}

export class ProcessImplementation implements Implementation {
  readonly name: string;
  readonly version: string;
  readonly runtime: string;
  readonly capabilities: ReadonlySet<Capability>;
  private readonly settings: typeof DEFAULTS;
  private adapter: AdapterProcess | undefined;
  private failedStarts = 0;
  private lastStartFailure = '';
  private requests = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly options: ProcessImplementationOptions,
    private readonly identity: AdapterIdentity,
    adapter: AdapterProcess,
  ) {
    this.settings = {
      handshakeTimeoutMs: options.handshakeTimeoutMs ?? DEFAULTS.handshakeTimeoutMs,
      replyGraceMs: options.replyGraceMs ?? DEFAULTS.replyGraceMs,
      exitGraceMs: options.exitGraceMs ?? DEFAULTS.exitGraceMs,
      maxFailedStarts: options.maxFailedStarts ?? DEFAULTS.maxFailedStarts,
    };
    this.name = identity.name;
    this.version = identity.version;
    this.runtime = identity.runtime;
    this.capabilities = new Set(identity.capabilities);
    this.adapter = adapter;
  }

  /** Starts the adapter and completes its handshake; throws AdapterStartError with its stderr otherwise. */
  static async start(options: ProcessImplementationOptions): Promise<ProcessImplementation> {
    const handshakeTimeoutMs = options.handshakeTimeoutMs ?? DEFAULTS.handshakeTimeoutMs;
    const { adapter, hello } = await AdapterProcess.start(options.command, { handshakeTimeoutMs });
    return new ProcessImplementation(options, identityOf(hello), adapter);
  }

  /** The current adapter's process group id (its leader's pid), if one is running. */
  get adapterPid(): number | undefined {
    return this.adapter?.group.pgid;
  }

  runScenario(scenario: Scenario, options: RunOptions = {}): Promise<ScenarioResult> {
    // One request at a time: the protocol has no concurrent runs.
    const run = this.queue.then(() => this.runOne(scenario, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    const adapter = this.adapter;
    this.adapter = undefined;
    if (adapter !== undefined) await adapter.shutdown(this.settings.exitGraceMs);
  }

  private async runOne(input: Scenario, options: RunOptions): Promise<ScenarioResult> {
    if (this.closed) throw new Error(`the ${this.name} adapter is closed`);
    const scenario = assertValidScenario(input);
    const adapter = await this.ready();
    if (typeof adapter === 'string') return { status: 'crashed', history: [], final: { cells: {} }, durationMs: 0, unfinished: [], error: adapter };
    const id = `run-${++this.requests}`;
    const { result, reusable } = await exchangeScenario(adapter, id, scenario, {
      deadlineMs: options.deadlineMs ?? scenario.deadlineMs,
      replyGraceMs: this.settings.replyGraceMs,
      exitGraceMs: this.settings.exitGraceMs,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    if (!reusable) {
      this.adapter = undefined;
      await adapter.terminate();
    }
    return result;
  }

  /** The running adapter, restarted if needed, or why there is none. */
  private async ready(): Promise<AdapterProcess | string> {
    if (this.adapter !== undefined && this.adapter.unusable === undefined) return this.adapter;
    if (this.adapter !== undefined) {
      await this.adapter.terminate();
      this.adapter = undefined;
    }
    if (this.failedStarts >= this.settings.maxFailedStarts) {
      return `the adapter failed to restart ${this.failedStarts} times in a row, so it is not started again; the last failure: ${this.lastStartFailure}`;
    }
    try {
      const { adapter, hello } = await AdapterProcess.start(this.options.command, { handshakeTimeoutMs: this.settings.handshakeTimeoutMs });
      const identity = identityOf(hello);
      if (!sameIdentity(identity, this.identity)) {
        await adapter.terminate();
        return this.startFailed(`the restarted adapter introduced itself as ${describeIdentity(identity)}, not ${describeIdentity(this.identity)}`);
      }
      this.failedStarts = 0;
      this.adapter = adapter;
      return adapter;
    } catch (e) {
      if (e instanceof AdapterStartError) return this.startFailed(`restarting the adapter failed: ${e.message}`);
      throw e;
    }
  }

  private startFailed(reason: string): string {
    this.failedStarts++;
    this.lastStartFailure = reason;
    return reason;
  }
}

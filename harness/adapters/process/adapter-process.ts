import { isCapability, type Capability } from '../../capability';
import { SCENARIO_MODEL_VERSION } from '../../scenario/model';
import { LineSplitter } from './line-splitter';
import { validateAdapterMessage } from './message-validation';
import { ProcessGroup, type AdapterCommand, type ExitStatus } from './process-group';
import { PROTOCOL_VERSION, type AdapterMessage, type HarnessMessage, type HelloMessage } from './protocol';
import { StderrTail } from './stderr-tail';

/**
 * One running adapter: its process group, the handshake, and the stream of validated messages
 * from its stdout. Whatever the adapter does wrong — a line that is not JSON or not a protocol
 * message, output nobody asked for, exiting — is turned into one `broken` or `exited` call to
 * the current listener; the caller decides what that means for the run in progress.
 */

export interface AdapterIdentity {
  name: string;
  version: string;
  runtime: string;
  capabilities: Capability[];
}

export interface AdapterListener {
  message(message: AdapterMessage): void;
  /** The adapter broke the protocol; the listener must terminate it. */
  broken(problem: string): void;
  /** The adapter's process exited (after `broken`, or on its own). */
  exited(status: ExitStatus): void;
}

/** The adapter could not be started or failed its handshake (it has been killed). */
export class AdapterStartError extends Error {
  override readonly name = 'AdapterStartError';
}

export interface StartOptions {
  /** How long the adapter has to write its `hello` line after it was started. */
  handshakeTimeoutMs: number;
}

/** How long a misbehaving adapter gets to finish writing to stderr before it is killed. */
export const LAST_WORDS_MS = 200;

const IGNORE: AdapterListener = { message: () => undefined, broken: () => undefined, exited: () => undefined };

export function describeExit(status: ExitStatus): string {
  return status.signal !== null ? `was killed by ${status.signal}` : `exited with code ${status.code}`;
}

function quoteLine(line: string): string {
  return JSON.stringify(line.length > 200 ? `${line.slice(0, 200)}…` : line);
}

export class AdapterProcess {
  readonly stderr = new StderrTail();
  private listener: AdapterListener = IGNORE;
  private brokenReason: string | undefined;

  private constructor(
    readonly group: ProcessGroup,
    readonly command: AdapterCommand,
  ) {
    const splitter = new LineSplitter(
      (line) => this.onLine(line),
      (prefix) => this.breakWith(`the adapter wrote a line longer than the protocol allows, starting ${quoteLine(prefix)}`),
    );
    group.child.stdout.on('data', (chunk: Buffer) => splitter.push(chunk));
    group.child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    void group.closed.then((status) => {
      const rest = splitter.rest();
      if (rest.trim() !== '' && this.brokenReason === undefined) this.brokenReason = `the adapter's output ended in the middle of a line: ${quoteLine(rest)}`;
      this.listener.exited(status);
    });
  }

  /** Starts the adapter and completes the handshake; throws AdapterStartError (with the stderr tail) otherwise. */
  static async start(command: AdapterCommand, options: StartOptions): Promise<{ adapter: AdapterProcess; hello: HelloMessage }> {
    let group: ProcessGroup;
    try {
      group = await ProcessGroup.start(command);
    } catch (e) {
      throw new AdapterStartError(`could not start the adapter \`${command.display}\`: ${(e as Error).message}`);
    }
    const adapter = new AdapterProcess(group, command);
    const outcome = await adapter.awaitHello(options.handshakeTimeoutMs);
    if ('hello' in outcome) {
      const problem = checkHello(outcome.hello);
      if (problem === undefined) return { adapter, hello: outcome.hello };
      await adapter.terminate(LAST_WORDS_MS);
      throw new AdapterStartError(`the adapter \`${command.display}\` failed the handshake: ${problem}${adapter.stderr.describe()}`);
    }
    await adapter.terminate(outcome.timedOut ? 0 : LAST_WORDS_MS);
    throw new AdapterStartError(`the adapter \`${command.display}\` failed the handshake: ${outcome.problem}${adapter.stderr.describe()}`);
  }

  /** Why the adapter can no longer be used, if it cannot. */
  get unusable(): string | undefined {
    if (this.brokenReason !== undefined) return this.brokenReason;
    const exited = this.group.exited;
    return exited === undefined ? undefined : `the adapter ${describeExit(exited)}`;
  }

  listen(listener: AdapterListener | undefined): void {
    this.listener = listener ?? IGNORE;
  }

  send(message: HarnessMessage): void {
    if (this.group.child.stdin.writable) this.group.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  /** Asks the adapter to exit, waits up to `graceMs`, then kills whatever is left of its group. */
  async shutdown(graceMs: number): Promise<void> {
    this.listen(undefined);
    this.send({ type: 'shutdown' });
    this.group.child.stdin.end();
    await this.group.exitWithin(graceMs);
  }

  /**
   * Kills the whole process group and waits until it is gone. `settleMs` first gives an adapter
   * that is misbehaving (but not hanging) a moment to finish its last words on stderr, which
   * are usually the explanation.
   */
  async terminate(settleMs = 0): Promise<void> {
    if (settleMs > 0) await this.group.exitWithin(settleMs);
    else await this.group.terminate();
  }

  private awaitHello(timeoutMs: number): Promise<{ hello: HelloMessage } | { problem: string; timedOut?: boolean }> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.listen(undefined);
        resolve({ problem: `no hello line within ${timeoutMs} ms of starting`, timedOut: true });
      }, timeoutMs);
      const settle = (outcome: { hello: HelloMessage } | { problem: string }) => {
        clearTimeout(timer);
        this.listen(undefined);
        resolve(outcome);
      };
      this.listen({
        message: (m) => settle(m.type === 'hello' ? { hello: m } : { problem: `its first message was "${m.type}", not "hello"` }),
        broken: (problem) => settle({ problem }),
        exited: (status) => settle({ problem: `the adapter ${describeExit(status)} before its handshake` }),
      });
    });
  }

  private onLine(line: string): void {
    if (this.brokenReason !== undefined) return;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.breakWith(`the adapter wrote a line that is not JSON: ${quoteLine(line)} (stdout is for protocol messages only; log to stderr)`);
      return;
    }
    const checked = validateAdapterMessage(value);
    if (!checked.ok) {
      this.breakWith(`the adapter wrote an invalid protocol message: ${checked.problem}; the line was ${quoteLine(line)}`);
      return;
    }
    if (this.listener === IGNORE) {
      // Between runs nobody asked for anything: a late event means its last history was not the whole story.
      this.breakWith(`the adapter sent a "${checked.message.type}" message when no request was running: ${quoteLine(line)}`);
      return;
    }
    this.listener.message(checked.message);
  }

  /** Nothing it writes is read any more; whoever listens terminates it (see terminate). */
  private breakWith(problem: string): void {
    if (this.brokenReason !== undefined) return;
    this.brokenReason = problem;
    this.listener.broken(problem);
  }
}

function checkHello(hello: HelloMessage): string | undefined {
  if (hello.protocol !== PROTOCOL_VERSION) return `it speaks protocol version ${hello.protocol}; this harness speaks version ${PROTOCOL_VERSION}`;
  if (!hello.scenarioModels.includes(SCENARIO_MODEL_VERSION)) {
    return `it runs scenario model version(s) ${hello.scenarioModels.join(', ')}; this harness sends version ${SCENARIO_MODEL_VERSION}`;
  }
  const unknown = hello.capabilities.filter((c) => !isCapability(c));
  if (unknown.length > 0) return `it declares capabilities this harness does not know: ${unknown.join(', ')} (see harness/capability.ts)`;
  return undefined;
}

export function identityOf(hello: HelloMessage): AdapterIdentity {
  return { name: hello.name, version: hello.version, runtime: hello.runtime, capabilities: hello.capabilities.filter(isCapability) };
}

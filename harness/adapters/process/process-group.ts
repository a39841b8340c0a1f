import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';

/**
 * An adapter process started in a process group of its own (`detached`: setsid), so that the
 * harness can kill it together with everything it started — a shell's child, a Python
 * multiprocessing worker, a thread pool's helper process — with one signal to the group. Every
 * group still alive when Node exits (even through process.exit on a second Ctrl-C) is killed
 * then, so the harness never leaves an adapter behind.
 */

export interface AdapterCommand {
  /** Program to execute (no shell unless it is one). */
  file: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How to show the command in messages. */
  display: string;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const live = new Set<ProcessGroup>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const group of live) group.kill();
  });
}

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): 'sent' | 'gone' {
  try {
    process.kill(-pgid, signal);
    return 'sent';
  } catch (e) {
    // ESRCH: no process left in the group. EPERM: the id now belongs to someone else's group.
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ESRCH' || code === 'EPERM') return 'gone';
    throw e;
  }
}

/**
 * Live (non-zombie) members of a process group, from /proc. A killed grandchild stays a zombie
 * until someone reaps it, and in a container PID 1 may never do so: such a process has ended
 * and holds nothing, so it does not count. Undefined where /proc is not available.
 */
export function groupMembers(pgid: number): number[] | undefined {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return undefined;
  }
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // it ended while we looked
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') members.push(Number(entry));
  }
  return members;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits for `promise` at most `ms`, leaving no timer behind either way. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export class ProcessGroup {
  /** Resolves when the leader has exited and its stdio is closed. */
  readonly closed: Promise<ExitStatus>;
  private exitStatus: ExitStatus | undefined;

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly pgid: number,
  ) {
    this.closed = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.exitStatus = { code, signal };
        resolve(this.exitStatus);
      });
    });
    live.add(this);
    installExitHook();
  }

  /** Starts the command; rejects when it cannot be executed at all (e.g. ENOENT). */
  static async start(command: AdapterCommand): Promise<ProcessGroup> {
    const child = spawn(command.file, [...command.args], {
      cwd: command.cwd,
      env: command.env ?? process.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // A write to an adapter that just died must not become an uncaught exception.
    child.stdin.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    return new ProcessGroup(child, child.pid!);
  }

  /** The leader's exit status once it has exited. */
  get exited(): ExitStatus | undefined {
    return this.exitStatus;
  }

  /** SIGKILL to the whole group; harmless when it is already gone. */
  kill(): void {
    signalGroup(this.pgid, 'SIGKILL');
  }

  /** Whether any process of the group is still running (zombies do not count where /proc tells them apart). */
  alive(): boolean {
    if (signalGroup(this.pgid, 0) === 'gone') return false;
    const members = groupMembers(this.pgid);
    return members === undefined || members.length > 0;
  }

  /**
   * Kills the group and waits until the leader is reaped and no member remains (bounded:
   * SIGKILL cannot be refused, so the bound only guards against a process stuck in the kernel).
   */
  async terminate(boundMs = 5_000): Promise<void> {
    this.kill();
    const until = Date.now() + boundMs;
    await within(this.closed, boundMs);
    while (this.alive() && Date.now() < until) {
      this.kill();
      await sleep(10);
    }
    live.delete(this);
  }

  /** Waits up to `ms` for the leader to exit on its own, then terminates the group. */
  async exitWithin(ms: number): Promise<ExitStatus | undefined> {
    await within(this.closed, ms);
    await this.terminate();
    return this.exitStatus;
  }
}

/** Groups started by this process and not yet terminated (for tests that check nothing leaks). */
export function liveProcessGroups(): readonly ProcessGroup[] {
  return [...live];
}

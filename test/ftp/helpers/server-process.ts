import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * `conform ftp serve` as a child process, the way the README runs it: for tests that kill the
 * server (SIGKILL, as a crash) or measure its memory from outside.
 */

const ROOT = path.join(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'conform.js');

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<string>;
  stderr(): string;
  /** SIGTERM (a clean stop), or SIGKILL. */
  stop(signal?: NodeJS.Signals): Promise<string>;
}

export function startServerProcess(args: { root: string; accounts: string; port?: number; extra?: string[] }): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'ftp', 'serve', '--root', args.root, '--accounts', args.accounts, '--port', String(args.port ?? 0), '--quiet', ...(args.extra ?? [])], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true' },
    });
    let stderr = '';
    let stdout = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<string>((done) => child.once('exit', (code, signal) => done(signal ?? String(code))));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within 60 s: ${stderr}`));
    }, 60_000);
    child.once('error', reject);
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = /serving .* on [\d.]+:(\d+)\n/.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        child,
        pid: child.pid!,
        port: Number(m[1]),
        exited,
        stderr: () => stderr,
        stop: async (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server exited before listening: ${stderr}`));
    });
  });
}

/** Resident and peak resident memory of a process, in bytes, from /proc (Linux). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Processes whose parent is `pid` (the CLI runs the server under tsx in the same process, so none are expected). */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

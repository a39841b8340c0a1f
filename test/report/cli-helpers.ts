import { execFile, spawn } from 'node:child_process';
import * as path from 'node:path';

/** Runs the real CLI (`node bin/conform.js ...`) in a child process, as CI would (CI=true). */

export const ROOT = path.join(__dirname, '..', '..');
export const REPORT_CATALOG = path.join(__dirname, 'fixtures', 'catalog.ts');

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export function conform(args: string[], timeoutMs = 90_000): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin', 'conform.js'), ...args],
      { cwd: ROOT, env: { ...process.env, CI: 'true' }, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
    );
  });
}

/**
 * Starts the CLI and sends `signal` once its output matches `when`; resolves with how it ended.
 * The child is killed outright if it has not ended by the deadline, so a test never hangs.
 */
export function conformInterrupted(args: string[], when: RegExp, signal: NodeJS.Signals, deadlineMs = 60_000): Promise<Outcome & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'conform.js'), ...args], { cwd: ROOT, env: { ...process.env, CI: 'true' } });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const deadline = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!sent && when.test(stdout)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code, sig) => {
      clearTimeout(deadline);
      resolve({ code: code ?? -1, signal: sig, stdout, stderr });
    });
  });
}

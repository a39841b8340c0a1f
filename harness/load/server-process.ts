/**
 * A load-test server in a child process of its own (the reference's socketserver models, Node's
 * http, CPython's ThreadingHTTPServer): started, waited for until it prints `listening <port>`,
 * and stopped. Every server takes its request as JSON in argv and exits when its stdin closes,
 * so even a parent killed with SIGKILL leaves none behind; `stop()` closes stdin, then sends
 * SIGTERM, then SIGKILL, and resolves only once the process has exited.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { LoadWork } from '../../impl/net/http/load-handlers';
import { SOCKETSERVER_MODELS, type LoadWorkKind, type SocketserverModel } from '../../impl/net/http/serve-request';

/** The reference's models and the two baselines. */
export const BASELINE_SERVERS = ['node-http', 'cpython-threading'] as const;
export type LoadServerKind = SocketserverModel | (typeof BASELINE_SERVERS)[number];
export const LOAD_SERVER_KINDS: readonly LoadServerKind[] = [...SOCKETSERVER_MODELS, ...BASELINE_SERVERS];

export interface LoadServerRequest {
  server: LoadServerKind;
  work: LoadWorkKind;
  context?: LoadWork;
}

export interface LoadServerProcess {
  host: string;
  port: number;
  pid: number;
  /** Resolves once the process has exited. Idempotent. */
  stop(): Promise<void>;
}

const ROOT = path.join(__dirname, '../..');
const START_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 3000;

function command(request: LoadServerRequest): [string, string[]] {
  const payload = JSON.stringify({ work: request.work, context: request.context ?? {} });
  if (request.server === 'cpython-threading') return ['python3', [path.join(ROOT, 'adapters/python/http_load_server.py'), payload]];
  if (request.server === 'node-http') return [process.execPath, [path.join(__dirname, 'node-http-entry.js'), payload]];
  const serve = JSON.stringify({ model: request.server, work: request.work, context: request.context ?? {} });
  return [process.execPath, [path.join(ROOT, 'impl/net/http/serve-entry.js'), serve]];
}

export async function startLoadServer(request: LoadServerRequest): Promise<LoadServerProcess> {
  const [file, args] = command(request);
  const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PYTHONUNBUFFERED: '1' } });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stopChild(child, exited));
  try {
    const port = await listeningPort(child, exited, () => stderr);
    return { host: '127.0.0.1', port, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listeningPort(child: ChildProcess, exited: Promise<void>, stderr: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`load server did not start within ${START_TIMEOUT_MS} ms: ${stderr()}`)), START_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`load server exited before listening (code ${child.exitCode}, signal ${child.signalCode}): ${stderr()}`));
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const within = (ms: number) => Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref())]);
  child.stdin!.end();
  if (await within(STOP_GRACE_MS)) return;
  child.kill('SIGTERM');
  if (await within(STOP_GRACE_MS)) return;
  child.kill('SIGKILL');
  await exited;
}

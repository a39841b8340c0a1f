import { parentPort } from 'node:worker_threads';
import { toWireError } from './object-server';
import { runtime } from './runtime';
import { resolveExportRef, type ExportRef } from './target-ref';
import { decodeFromThread, encodeForThread } from './transfer';
import './shared-kinds';

/**
 * The program of a ThreadPoolExecutor worker thread: runs the calls its executor posts, one at a
 * time, loading each function's module on first use. Arguments arrive by postMessage, so
 * thread-level primitives in them are the very same objects (shared memory), as threads share
 * memory in CPython.
 */

interface ThreadTask {
  type: 'task';
  id: number;
  fn: ExportRef;
  bundle: string;
  args: unknown;
}

const port = parentPort;
if (port === null) throw new Error('thread-worker-main must run in a worker thread');

port.on('message', (message: ThreadTask | { type: 'stop' }) => {
  if (message.type === 'stop') {
    port.close();
    return;
  }
  void (async () => {
    try {
      const rt = runtime();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (!rt.modules.has(message.fn.module)) rt.modules.set(message.fn.module, require(message.bundle) as Record<string, unknown>);
      const fn = resolveExportRef(message.fn) as (...args: unknown[]) => unknown;
      const value = await fn(...(decodeFromThread(message.args) as unknown[]));
      port.postMessage({ type: 'result', id: message.id, value: encodeForThread(value) });
    } catch (e) {
      port.postMessage({ type: 'error', id: message.id, error: { ...toWireError(e), ...(e instanceof Error && e.stack !== undefined ? { stack: e.stack } : {}) } });
    }
  })();
});

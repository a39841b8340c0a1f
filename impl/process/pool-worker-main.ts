import { finishChildren } from './children';
import type { FromWorker, TaskMessage, ToWorker } from './pool-protocol';
import { runtime } from './runtime';
import { setProcessSourceDir } from './source-location';
import { resolveExportRef } from './target-ref';
import { decodeValue, encodeValue } from './transfer';
import { toWireError } from './object-server';
import './shared-kinds';

/**
 * The program of a pool worker process (Pool, ProcessPoolExecutor): it runs the tasks its pool
 * sends, one at a time, loading each task's module on first use, and answers with the result
 * or the error. Pool workers are daemonic, as in CPython (they cannot start processes);
 * executor workers are not. Either ends with its parent.
 */

function send(message: FromWorker): void {
  process.send?.(message);
}

async function run(task: TaskMessage): Promise<void> {
  const rt = runtime();
  try {
    if (!rt.modules.has(task.fn.module)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      rt.modules.set(task.fn.module, require(task.bundle) as Record<string, unknown>);
    }
    const fn = resolveExportRef(task.fn) as (...args: unknown[]) => unknown;
    const args = decodeValue(task.args) as unknown[];
    const value = await fn(...args);
    send({ type: 'result', id: task.id, value: encodeValue(value) });
  } catch (e) {
    const error = toWireError(e);
    send({ type: 'error', id: task.id, error: { ...error, ...(e instanceof Error && e.stack !== undefined ? { stack: e.stack } : {}) } });
  }
}

process.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'hello': {
      setProcessSourceDir(message.sourceDir);
      const rt = runtime();
      rt.current = { name: message.name, identity: message.identity, daemon: message.daemon, parentPid: message.parentPid, self: undefined };
      process.argv = [process.argv[0], ...message.argv];
      send({ type: 'ready' });
      return;
    }
    case 'task':
      void run(message);
      return;
    case 'stop':
      void finishChildren().then(() => process.exit(0));
      return;
  }
});
// A pool worker never outlives its pool's process.
process.on('disconnect', () => process.exit(0));

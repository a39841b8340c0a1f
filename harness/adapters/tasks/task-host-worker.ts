import { parentPort, workerData } from 'node:worker_threads';
import type { TaskBinding } from './task-binding';
import { TaskExecutor } from './task-executor';
import type { HostToWorker, TaskHostWorkerData, WorkerToHost } from './task-host-protocol';

/**
 * The body of the task host's worker: loads the binding (and, through its `load()`, the library,
 * which may be ESM-only: this thread runs plain Node with tsx, not a test runner's sandbox),
 * then runs the scenarios it is sent, one at a time, on its own event loop.
 */
export function serveTaskHost(): void {
  const port = parentPort;
  if (port === null) throw new Error('serveTaskHost must run inside a worker thread');
  const send = (message: WorkerToHost) => port.postMessage(message);
  const { bindingModule } = workerData as TaskHostWorkerData;
  void load(bindingModule).then(
    (binding) => {
      const executor = new TaskExecutor(binding);
      port.on('message', (message: HostToWorker) => {
        if (message.type !== 'run') return;
        const options = message.deadlineMs === undefined ? {} : { deadlineMs: message.deadlineMs };
        executor.run(message.scenario, options).then(
          (result) => send({ type: 'result', id: message.id, result }),
          (e: unknown) => {
            const error = e instanceof Error ? e : new Error(String(e));
            send({ type: 'rejected', id: message.id, name: error.name, message: error.message });
          },
        );
      });
      send({ type: 'ready' });
    },
    (e: unknown) => send({ type: 'load-failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
}

async function load(bindingModule: string): Promise<TaskBinding> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { binding } = require(bindingModule) as { binding?: TaskBinding };
  if (binding === undefined) throw new Error(`${bindingModule} does not export \`binding\``);
  await binding.load?.();
  return binding;
}

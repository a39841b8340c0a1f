import * as path from 'node:path';

/**
 * The built-in task-level implementations, each a TaskBinding module run by the task host:
 * `--impl <name>`. Only paths here, so that listing them loads no library.
 */

export interface TaskAdapter {
  name: string;
  description: string;
  /** Absolute path of the module exporting `binding: TaskBinding`. */
  bindingModule: string;
}

const NPM = path.join(__dirname, '..', '..', '..', 'adapters', 'npm');

export const TASK_ADAPTERS: readonly TaskAdapter[] = [
  {
    name: 'reference-aio',
    description: "the reference implementation's asyncio flavour (impl/aio), actors as tasks on one event loop",
    bindingModule: path.join(__dirname, 'aio-binding.ts'),
  },
  { name: 'async-mutex', description: 'the npm library async-mutex (Mutex, Semaphore), actors as tasks', bindingModule: path.join(NPM, 'async-mutex.ts') },
  { name: 'async-sema', description: 'the npm library async-sema (Sema as a semaphore and as a token pool), actors as tasks', bindingModule: path.join(NPM, 'async-sema.ts') },
  { name: 'p-queue', description: 'the npm library p-queue (a concurrency-limited queue as a semaphore), actors as tasks', bindingModule: path.join(NPM, 'p-queue.ts') },
];

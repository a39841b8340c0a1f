import { threadId, workerData } from 'node:worker_threads';
import { runtime } from '../process/runtime';
import { setProcessSourceDir } from '../process/source-location';
import { resolveExportRef } from '../process/target-ref';
import { decodeFromThread } from '../process/transfer';
import '../process/shared-kinds';
import { adoptCurrentThread, Thread } from './thread';
import { ThreadState, type ThreadStart } from './thread-protocol';

/**
 * The program of a Thread's worker: loads the modules of its target, rebuilds the Thread object,
 * marks itself started (releasing start()), runs run(), marks itself done (releasing join())
 * and ends. An exception in run() is printed as CPython prints one ("Exception in thread ...").
 */

async function runThread(start: ThreadStart): Promise<void> {
  const control = new Int32Array(start.control);
  setProcessSourceDir(start.sourceDir);
  const rt = runtime();
  try {
    for (const { module, bundle } of start.modules) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      rt.modules.set(module, require(bundle) as Record<string, unknown>);
    }
    const Class = (start.classRef === undefined ? Thread : resolveExportRef(start.classRef)) as { prototype: object };
    const target = start.targetRef === undefined ? undefined : (resolveExportRef(start.targetRef) as (...args: unknown[]) => unknown);
    const { fields, args } = decodeFromThread(start.state) as { fields: Record<string, unknown>; args: unknown[] };
    const self = Object.assign(Object.create(Class.prototype) as Thread, fields);
    adoptCurrentThread(self, { name: start.name, daemon: start.daemon, target, args });
    Atomics.store(control, 1, threadId);
    Atomics.store(control, 0, ThreadState.STARTED);
    Atomics.notify(control, 0);
    const running = self.run();
    // The synchronous start of run() is done: start() may return (see Thread.start).
    Atomics.store(control, 2, 1);
    Atomics.notify(control, 2);
    await running;
  } catch (error) {
    process.stderr.write(`Exception in thread ${start.name}:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  } finally {
    Atomics.store(control, 2, 1);
    Atomics.notify(control, 2);
    Atomics.store(control, 0, ThreadState.DONE);
    Atomics.notify(control, 0);
  }
  process.exit(0);
}

void runThread(workerData as ThreadStart);

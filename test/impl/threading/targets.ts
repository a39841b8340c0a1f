import { threadId } from 'node:worker_threads';
import { current_thread, Thread } from '../../../impl/threading';

/** Targets for the Thread tests (exported: threads load their target by module). */

export function record(cells: Int32Array, at: number): void {
  Atomics.store(cells, at, threadId);
}

export function nameInto(cells: Int32Array): void {
  Atomics.store(cells, 0, current_thread().name.length);
}

export function spin(cells: Int32Array, ms: number): void {
  Atomics.wait(cells, 1, 0, ms);
}

export class Counter extends Thread {
  constructor(readonly cells: Int32Array) {
    super();
  }

  override run(): void {
    Atomics.add(this.cells, 0, 1);
  }
}

/**
 * A worker that runs a list of steps against shared primitives and reports each outcome to the
 * parent. Every report carries `before`/`after` tickets from a shared atomic counter, so tests
 * can order events across threads exactly (a ticket taken after a call returned is larger than
 * every ticket taken before another call started, if that call finished first).
 */
import { parentPort } from 'node:worker_threads';
import { attach, tsWorkerData, type PrimitiveHandle } from '../../../impl';
import type { RunnerData, Step, StepReport } from '../helpers/steps';

const data = tsWorkerData<RunnerData>();
const ticketWords = new Int32Array(data.tickets);
const objects = new Map<string, Record<string, unknown>>();
for (const [name, handle] of Object.entries(data.handles)) {
  objects.set(name, attach(handle as PrimitiveHandle) as unknown as Record<string, unknown>);
}
const cells = new Map(Object.entries(data.cells ?? {}).map(([name, buffer]) => [name, new Int32Array(buffer)]));

function ticket(): number {
  return Atomics.add(ticketWords, 0, 1);
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function cell(name: string): Int32Array {
  const view = cells.get(name);
  if (view === undefined) throw new Error(`no cell ${name}`);
  return view;
}

function run(step: Step): unknown {
  switch (step.kind) {
    case 'call': {
      const target = objects.get(step.target);
      if (target === undefined) throw new Error(`no object ${step.target}`);
      const member = target[step.method];
      if (typeof member !== 'function') return member; // a property such as `broken`
      return (member as (...args: unknown[]) => unknown).apply(target, step.args ?? []);
    }
    case 'sleep':
      sleepMs(step.ms);
      return null;
    case 'increment': {
      // Plain (non-atomic) read-modify-write, protected only by the named lock.
      const lock = objects.get(step.lock) as unknown as { acquire(): boolean; release(): void };
      const counter = cell(step.cell);
      for (let i = 0; i < step.times; i++) {
        lock.acquire();
        const value = counter[0];
        for (let spin = 0; spin < 20; spin++) counter[1] = spin; // widen the race window
        counter[0] = value + 1;
        lock.release();
      }
      return counter[0];
    }
    case 'guarded': {
      // Counts threads inside a semaphore-guarded section; records the largest count seen.
      const sem = objects.get(step.semaphore) as unknown as { acquire(): boolean; release(): void };
      const counter = cell(step.cell);
      for (let i = 0; i < step.times; i++) {
        sem.acquire();
        const inside = Atomics.add(counter, 0, 1) + 1;
        let max = Atomics.load(counter, 1);
        while (inside > max) max = Atomics.compareExchange(counter, 1, max, inside) === max ? inside : Atomics.load(counter, 1);
        sleepMs(1);
        Atomics.sub(counter, 0, 1);
        sem.release();
      }
      return null;
    }
    case 'put-range': {
      const queue = objects.get(step.queue) as unknown as { put(item: unknown): void };
      for (let i = step.from; i < step.from + step.count; i++) queue.put(step.tag === undefined ? i : [step.tag, i]);
      return null;
    }
    case 'get-many': {
      const queue = objects.get(step.queue) as unknown as { get(): unknown; task_done(): void };
      const items: unknown[] = [];
      for (let i = 0; i < step.count; i++) {
        items.push(queue.get());
        if (step.taskDone === true) queue.task_done();
      }
      return items;
    }
  }
}

for (const [index, step] of data.steps.entries()) {
  const before = ticket();
  let report: StepReport;
  try {
    const value = run(step);
    report = { index, label: step.label, ok: true, value, before, after: ticket() };
  } catch (error) {
    const e = error as Error;
    report = { index, label: step.label, ok: false, error: e.name, message: e.message, before, after: ticket() };
  }
  parentPort?.postMessage(report);
}
parentPort?.postMessage({ done: true });

import { setTimeout as delay } from 'node:timers/promises';
import { threadId } from 'node:worker_threads';
import { Clock, programArgs } from './support/program-args';
import { now, report } from './support/trace';

/**
 * 000 协程 and 003 42. 协程, what the definitions say of coroutines, shown with generators on a
 * round-robin loop and with async tasks on the event loop: a coroutine that never yields keeps
 * the others from running; a read-modify-write with no yield inside needs no lock (and one with
 * a yield inside loses updates); CPU-bound coroutines take as long as the serial work, all on
 * one thread; a blocking call in one task stalls the others; many idle tasks wait together.
 *
 * Records: `tick` {i}, `hog-start`/`hog-end`; `counter` {switchInside, final, expected};
 * `cpu` {serialMs, serialCpuMs, coroutineMs, coroutineCpuMs, threads}
 * (wall-clock and CPU time of the process: on a loaded machine only CPU time measures the work); `ticker` {i}, `block-start`/`block-end`;
 * `many` {tasks, elapsedMs, sleepMs}.
 */

const args = programArgs({ ticks: 6, hogUnits: 2, tasks: 3, increments: 200, work: 2_000_000, repeats: 5, blockUnits: 3, many: 10000 });
const clock = new Clock(args.unitMs);

/** Runs generators in turn, each until its next yield, until all have returned. */
function roundRobin(tasks: Generator<unknown, void, unknown>[]): void {
  const ready = [...tasks];
  while (ready.length > 0) {
    const task = ready.shift()!;
    if (task.next().done !== true) ready.push(task);
  }
}

function busy(ms: number): void {
  const end = now() + ms;
  while (now() < end);
}

function* ticker(): Generator<void, void, unknown> {
  for (let i = 0; i < args.ticks; i++) {
    report('tick', { i });
    yield;
  }
}

function* hog(): Generator<void, void, unknown> {
  yield;
  report('hog-start');
  busy(args.hogUnits * args.unitMs);
  report('hog-end');
}

function counters(): void {
  for (const switchInside of [false, true]) {
    const shared = { value: 0 };
    function* incrementer(): Generator<void, void, unknown> {
      for (let n = 0; n < args.increments; n++) {
        const seen = shared.value;
        if (switchInside) yield;
        shared.value = seen + 1;
        yield;
      }
    }
    roundRobin(Array.from({ length: args.tasks }, () => incrementer()));
    report('counter', { switchInside, final: shared.value, expected: args.tasks * args.increments });
  }
}

function* cruncher(threads: Set<number>, chunks: number): Generator<void, void, unknown> {
  for (let c = 0; c < chunks; c++) {
    threads.add(threadId);
    let x = 0;
    for (let i = 0; i < args.work / chunks; i++) x += i % 7;
    if (x < 0) report('impossible');
    yield;
  }
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function cpu(): void {
  // The first round warms the JIT up and is not reported: it would time the compiler.
  for (let r = -1; r < args.repeats; r++) {
    const threads = new Set<number>();
    let start = now();
    let cpuStart = cpuMs();
    for (let t = 0; t < args.tasks; t++) roundRobin([cruncher(threads, 1)]);
    const serialCpuMs = cpuMs() - cpuStart;
    const serialMs = now() - start;
    start = now();
    cpuStart = cpuMs();
    roundRobin(Array.from({ length: args.tasks }, () => cruncher(threads, 50)));
    const coroutineCpuMs = cpuMs() - cpuStart;
    const coroutineMs = now() - start;
    if (r >= 0) report('cpu', { serialMs, serialCpuMs, coroutineMs, coroutineCpuMs, threads: [...threads] });
  }
}

async function blocking(): Promise<void> {
  let stop = false;
  const ticking = (async () => {
    for (let i = 0; !stop; i++) {
      report('ticker', { i });
      await delay(args.unitMs / 10);
    }
  })();
  await delay(args.unitMs / 2);
  report('block-start');
  clock.sleepBlocking(args.blockUnits);
  report('block-end');
  await delay(args.unitMs / 2);
  stop = true;
  await ticking;
}

async function manyTasks(): Promise<void> {
  const start = now();
  await Promise.all(Array.from({ length: args.many }, () => clock.sleep(2)));
  report('many', { tasks: args.many, elapsedMs: now() - start, sleepMs: 2 * args.unitMs });
}

async function main(): Promise<void> {
  roundRobin([ticker(), hog()]);
  counters();
  cpu();
  await blocking();
  await manyTasks();
}

void main();

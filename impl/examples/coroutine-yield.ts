import { threadId } from 'node:worker_threads';
import { PyGenerator, next } from '../coroutine';
import { Clock, programArgs } from './support/program-args';
import { report, say } from './support/trace';

/**
 * 000 通过yield实现协程 and 003 42. 协程: generator coroutines. A consumer sent a value before
 * it is primed; the producer/consumer with c1.__next__() first; func1/func2 alternating with
 * time.sleep (which blocks: yield switches only where it is written); and the computation of
 * task1/task2 run serially and interleaved with yield, timed `repeats` times.
 *
 * Records: `primed` {error, message}; `produce` {n}, `consume` {consumer, data, ident};
 * `func2` {k}, `func1` {i}, `sleep-start`/`sleep-end` {task}; `timing` {serialCpuMs, yieldCpuMs}
 * (CPU time: the listing's time.time() on a loaded machine would mostly time the other processes).
 */

const args = programArgs({ rounds: 2, prints: 4, iterations: 100000, repeats: 5 });
const clock = new Clock(args.unitMs);

function* consumer(name: string): Generator<undefined, void, number | null> {
  say('开始消费数据', 'consumer-starts', { consumer: name });
  for (;;) {
    const data = yield;
    say(`${name} 消费 ${data}`, 'consume', { consumer: name, data, ident: threadId });
    clock.sleepBlocking(1);
  }
}

function primedRule(): void {
  try {
    new PyGenerator(consumer('C0')).send(1);
    report('primed', { error: 'none', message: '' });
  } catch (e) {
    report('primed', { error: (e as Error).name, message: (e as Error).message });
  }
}

function producer(c1: PyGenerator<undefined, number>, c2: PyGenerator<undefined, number>): void {
  c1.__next__();
  c2.__next__();
  let n = 0;
  for (let round = 0; round < args.rounds; round++) {
    clock.sleepBlocking(1);
    say(`生产 ${n} , ${n + 1}`, 'produce', { n });
    c1.send(n);
    c2.send(n + 1);
    n += 2;
  }
}

function sleepAs(task: string): void {
  report('sleep-start', { task });
  clock.sleepBlocking(1);
  report('sleep-end', { task });
}

function* func1(): Generator<undefined, void, unknown> {
  for (let i = 0; i < args.prints + 1; i++) {
    yield;
    say(`这是我第${i}次打印啦`, 'func1', { i });
    sleepAs('func1');
  }
}

function func2(): void {
  const g = new PyGenerator(func1());
  for (let k = 0; k < args.prints; k++) {
    say(`哈哈，我第${k}次打印了`, 'func2', { k });
    sleepAs('func2');
    next(g);
  }
}

/** CPU time of the process in ms: what the work costs, whatever else the machine runs. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function serial(): number {
  const start = cpuMs();
  let a = 1;
  for (let i = 1; i < args.iterations; i++) a += i;
  let b = 1;
  for (let i = 1; i < args.iterations; i++) b -= i;
  if (a === b) report('impossible');
  return cpuMs() - start;
}

function* task1(): Generator<number, void, unknown> {
  let res = 1;
  for (let i = 1; i < args.iterations; i++) {
    res += i;
    yield res;
  }
}

function interleaved(): number {
  const start = cpuMs();
  const g = task1();
  let res = 1;
  for (let i = 1; i < args.iterations; i++) {
    res -= i;
    g.next();
  }
  if (res === 0) report('impossible');
  return cpuMs() - start;
}

primedRule();
producer(new PyGenerator(consumer('C1')), new PyGenerator(consumer('C2')));
func2();
for (let r = 0; r < args.repeats; r++) {
  const serialCpuMs = serial();
  const yieldCpuMs = interleaved();
  say(`串行消耗时间:${serialCpuMs / 1000} 协程消耗时间:${yieldCpuMs / 1000}`, 'timing', { serialCpuMs, yieldCpuMs });
}

import { Process, Queue, runMain } from '../process';
import { Clock, programArgs } from './support/program-args';
import { say } from './support/trace';

/**
 * 002, 一个生产者对应多个消费者(3): the queue is a module global, and it is also passed to the
 * producer and the consumers "这样传入的q保证了都是全局变量中同一个q". Each child uses the queue
 * it was given (the parent's), whatever its own module global is. The consumers loop forever,
 * so the program never ends.
 *
 * Records: `produce` {item}, `consume` {item}, `globals-differ` {} when a child's own module
 * global is not the queue it was given.
 */

const args = programArgs({ items: 10, consumers: 3 });
const clock = new Clock(args.unitMs);

const q = new Queue<number>(5);

export async function producer(given: Queue<number>): Promise<void> {
  if (given.handle.address !== q.handle.address) say('the global q here is a different queue', 'globals-differ');
  for (let i = 0; i < args.items; i++) {
    await clock.sleep(Math.random());
    await given.put(i);
    say(`producer:${process.pid} 生产${i}`, 'produce', { item: i });
  }
}

export async function customer(given: Queue<number>): Promise<void> {
  for (;;) {
    await clock.sleep(2);
    const res = await given.get();
    say(`customer:${process.pid} 消费${res}`, 'consume', { item: res });
  }
}

async function main(): Promise<void> {
  const p = new Process({ target: producer, args: [q] });
  p.start();
  const c_l = Array.from({ length: args.consumers }, () => new Process({ target: customer, args: [q] }));
  for (const c of c_l) c.start();
  await p.join();
  for (const c of c_l) await c.join();
  say('这是主程序', 'main-done');
}

if (require.main === module) runMain(main);

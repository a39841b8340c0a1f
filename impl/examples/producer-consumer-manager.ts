import { Manager, Process, runMain, type Queue } from '../process';
import { Clock, programArgs } from './support/program-args';
import { report, say } from './support/trace';

/**
 * 002, 一个生产者对应多个消费者(1): a Manager().Queue(5) shared by one producer (ten items, a
 * random fraction of a second apart) and three consumers that take an item every 2 seconds.
 * The consumers loop forever, so the program never ends.
 *
 * Records: `put-start` {item}, `put-done` {item}, `get-start` {}, `get-done` {item}.
 */

const args = programArgs({ items: 10, consumers: 3, maxsize: 5 });
const clock = new Clock(args.unitMs);

export async function producer(q: Queue<number>): Promise<void> {
  for (let i = 0; i < args.items; i++) {
    await clock.sleep(Math.random());
    report('put-start', { item: i });
    await q.put(i);
    say(`producer:${process.pid} 生产${i}`, 'put-done', { item: i });
  }
}

export async function customer(q: Queue<number>): Promise<void> {
  for (;;) {
    await clock.sleep(2);
    report('get-start');
    const res = await q.get();
    say(`customer:${process.pid} 消费${res}`, 'get-done', { item: res });
  }
}

async function main(): Promise<void> {
  const m = await Manager();
  const q = await m.Queue<number>(args.maxsize);
  const p = new Process({ target: producer, args: [q] });
  p.start();
  const c_l = Array.from({ length: args.consumers }, () => new Process({ target: customer, args: [q] }));
  for (const c of c_l) c.start();
  await p.join();
  for (const c of c_l) await c.join();
  say('这是主程序', 'main-done');
}

if (require.main === module) runMain(main);

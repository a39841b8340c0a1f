import { Empty } from '../errors';
import { Process, Queue, runMain } from '../process';
import { Clock, programArgs, randint } from './support/program-args';
import { say } from './support/trace';

/**
 * 003, 25. 生产者消费者模型: the producer makes five 包子, 1-3 seconds apart; the consumer eats
 * with q.get(timeout=5) and gives up (queue.Empty) once nothing has come for 5 seconds.
 *
 * Records: `produce` {item}, `consume` {item}, `consumer-gives-up` {error, waitedSince}.
 */

const args = programArgs({ items: 5, patience: 5 });
const clock = new Clock(args.unitMs);

export async function producer(name: string, q: Queue<string>): Promise<void> {
  for (let i = 1; i <= args.items; i++) {
    await clock.sleep(randint(1, 3));
    const res = `${i}号包子`;
    await q.put(res);
    say(` 生产者${name}: 生产了${res}`, 'produce', { item: res });
  }
}

export async function consumer(name: string, q: Queue<string>): Promise<void> {
  for (;;) {
    try {
      await clock.sleep(randint(1, 3));
      const ret = await q.get(true, clock.seconds(args.patience));
      say(`消费者${name}: 吃了${ret}`, 'consume', { item: ret });
    } catch (e) {
      say(`消费者${name}: 不等了`, 'consumer-gives-up', { error: e instanceof Empty ? 'Empty' : String(e) });
      return;
    }
  }
}

async function main(): Promise<void> {
  const q = new Queue<string>();
  new Process({ target: producer, args: ['太白', q] }).start();
  new Process({ target: consumer, args: ['MC骚强', q] }).start();
}

if (require.main === module) runMain(main);

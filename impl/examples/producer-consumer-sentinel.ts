import { Process, Queue, runMain } from '../process';
import { Clock, programArgs, randint } from './support/program-args';
import { report, say } from './support/trace';

/**
 * 004, 生产者消费者 第二版: after its data the producer puts one None per consumer, and a
 * consumer that gets a falsy item (`if not data:`) ends. `sentinels` changes how many Nones are
 * put (the document: as many as consumers), `items` what is produced (the document: 1..9).
 *
 * Records: `produce` {item}, `consume` {consumer, item}, `consumer-ends` {consumer, item}.
 */

const args = programArgs({ consumers: 5, sentinels: -1, items: [1, 2, 3, 4, 5, 6, 7, 8, 9] as (number | null)[] });
const clock = new Clock(args.unitMs);

export async function consumer(queue: Queue<number | null>, index: number): Promise<void> {
  for (;;) {
    const data = await queue.get();
    if (!data) {
      say(`消费者进程${index} 结束`, 'consumer-ends', { consumer: index, item: data });
      break;
    }
    say(`消费者${index} 消费 ${data}`, 'consume', { consumer: index, item: data });
  }
}

export async function producer(queue: Queue<number | null>, sentinels: number): Promise<void> {
  for (const index of args.items) {
    await clock.sleep(randint(0, 2));
    await queue.put(index);
    say(`生产者 生产 ${index}`, 'produce', { item: index });
  }
  for (let k = 0; k < sentinels; k++) await queue.put(null);
  report('producer-done');
}

async function main(): Promise<void> {
  const queue = new Queue<number | null>();
  const sentinels = args.sentinels < 0 ? args.consumers : args.sentinels;
  const pro = new Process({ target: producer, args: [queue, sentinels] });
  const consumers = Array.from({ length: args.consumers }, (_, index) => new Process({ target: consumer, args: [queue, index] }));
  for (const c of consumers) c.start();
  pro.start();
}

if (require.main === module) runMain(main);

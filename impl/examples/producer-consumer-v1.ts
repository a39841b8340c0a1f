import { Process, Queue, runMain } from '../process';
import { Clock, programArgs, randint } from './support/program-args';
import { report, say } from './support/trace';

/**
 * 004, 生产者消费者 第一版: one producer puts 0..9 (0-2 seconds apart); five consumers loop on
 * queue.get() forever. The producer ends, the consumers block on the empty queue for good, and
 * the main process waits for them: the program never ends.
 *
 * Records: `produce` {item}, `producer-done`, `consume` {consumer, item}.
 */

const args = programArgs({ consumers: 5, items: 10 });
const clock = new Clock(args.unitMs);

export async function consumer(queue: Queue<number>, index: number): Promise<void> {
  for (;;) {
    const data = await queue.get();
    say(`消费者${index} 消费 ${data}`, 'consume', { consumer: index, item: data });
  }
}

export async function producer(queue: Queue<number>): Promise<void> {
  for (let index = 0; index < args.items; index++) {
    await clock.sleep(randint(0, 2));
    await queue.put(index);
    say(`生产者 生产 ${index}`, 'produce', { item: index });
  }
  report('producer-done');
}

async function main(): Promise<void> {
  const queue = new Queue<number>();
  const pro = new Process({ target: producer, args: [queue] });
  const consumers = Array.from({ length: args.consumers }, (_, index) => new Process({ target: consumer, args: [queue, index] }));
  for (const c of consumers) c.start();
  pro.start();
}

if (require.main === module) runMain(main);

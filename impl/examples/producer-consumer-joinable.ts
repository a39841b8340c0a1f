import { JoinableQueue, Process, runMain } from '../process';
import { Clock, programArgs, randint } from './support/program-args';
import { report, say } from './support/trace';

/**
 * 004, 生产者消费者 第三版 (多生产者多消费者) and 002's JoinableQueue version: three producers
 * put 1..4 each and then queue.join(); five daemonic consumers loop get / task_done. When every
 * item is processed the producers' joins return, the main process (joining the producers) ends,
 * and the daemonic consumers are stopped with it.
 *
 * Records: `produce` {producer, item}, `producer-joined` {producer}, `consume` {consumer, item},
 * `main-ends`.
 */

const args = programArgs({ producers: 3, consumers: 5, perProducer: 4 });
const clock = new Clock(args.unitMs);

export async function consumer(queue: JoinableQueue<string>, consumer_name: number): Promise<void> {
  for (;;) {
    const data = await queue.get();
    say(`消费者${consumer_name} 消费 ${data}`, 'consume', { consumer: consumer_name, item: data });
    // 向q.join()发送一次信号,证明一个数据已经被取走了
    await queue.task_done();
  }
}

export async function producer(queue: JoinableQueue<string>, producer_name: number): Promise<void> {
  for (let index = 1; index <= args.perProducer; index++) {
    await clock.sleep(randint(0, 2));
    const item = `${producer_name}-${index}`;
    await queue.put(item);
    say(`生产者${producer_name} 生产 ${index}`, 'produce', { producer: producer_name, item });
  }
  // 生产完毕，使用此方法进行阻塞，直到队列中所有项目均被处理
  await queue.join();
  report('producer-joined', { producer: producer_name });
}

async function main(): Promise<void> {
  const queue = new JoinableQueue<string>();
  const producers = Array.from({ length: args.producers }, (_, index) => new Process({ target: producer, args: [queue, index] }));
  const consumers = Array.from({ length: args.consumers }, (_, index) => {
    const p = new Process({ target: consumer, args: [queue, index] });
    // 将消费者进程设置为守护进程
    p.daemon = true;
    return p;
  });
  for (const c of consumers) c.start();
  for (const p of producers) p.start();
  // 主进程等待生产者进程执行完毕
  for (const p of producers) await p.join();
  report('main-ends');
}

if (require.main === module) runMain(main);

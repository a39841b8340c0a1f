import { Process, Queue, runMain } from '../process';
import { programArgs } from './support/program-args';
import { report, say } from './support/trace';

/**
 * 003, 24. 进程之间的通信实例: "小米:抢手环4.预期发售10个. 有100个人去抢." A Queue(10) and a
 * hundred processes that each put their pid without blocking; the ones that find it full give
 * up. The main process then reads the ten winners in order.
 *
 * The listing reads the winners while buyers may still be trying: every get frees a slot, so if
 * some buyers start late (slow process start-up) more than ten can win. With `joinFirst` the
 * main process waits for every buyer before reading, which is what the listing assumes.
 *
 * Records: `put` {} by a winner, `full` {error} by a loser, `rank` {rank, user} in the main process.
 */

const args = programArgs({ buyers: 100, stock: 10, joinFirst: false });

export async function task(q: Queue<string>): Promise<void> {
  try {
    await q.put(`${process.pid}`, false);
    report('put');
  } catch (e) {
    report('full', { error: (e as Error).name });
  }
}

async function main(): Promise<void> {
  const q = new Queue<string>(args.stock);
  const buyers = Array.from({ length: args.buyers }, () => new Process({ target: task, args: [q] }));
  for (const p of buyers) p.start();
  if (args.joinFirst) for (const p of buyers) await p.join();
  for (let i = 1; i <= args.stock; i++) {
    const user = await q.get();
    say(`排名第${i}的用户: ${user}`, 'rank', { rank: i, user });
  }
}

if (require.main === module) runMain(main);

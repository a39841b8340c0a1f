import { Pool, runMain, Semaphore } from '../process';
import { Clock, programArgs } from './support/program-args';
import { report, say } from './support/trace';

/**
 * 000: "如果不调用(join),相当于什么都没有执行"? A Pool(2) is given three tasks and the main
 * program ends without close()/join(). So that the outcome does not hang on how fast the
 * workers start, main first waits (on a semaphore the tasks release) until one task has started
 * (`waitFor: "start"`) or every task has ended (`waitFor: "end"`).
 *
 * Records: `task-start` {i}, `task-end` {i} in the workers, `main-ends` when main's code ends.
 */

const args = programArgs({ tasks: 3, seconds: 3, waitFor: 'start' as 'start' | 'end' });
const clock = new Clock(args.unitMs);

export async function task(i: number, progress: Semaphore): Promise<void> {
  say(`task ${i} started`, 'task-start', { i });
  if (args.waitFor === 'start') await progress.release();
  await clock.sleep(args.seconds);
  say(`task ${i} finished`, 'task-end', { i });
  if (args.waitFor === 'end') await progress.release();
}

async function main(): Promise<void> {
  const progress = new Semaphore(0);
  const pool = new Pool(2);
  for (let i = 0; i < args.tasks; i++) pool.apply_async(task, [i, progress]);
  const waits = args.waitFor === 'start' ? 1 : args.tasks;
  for (let k = 0; k < waits; k++) await progress.acquire();
  report('main-ends');
}

if (require.main === module) runMain(main);

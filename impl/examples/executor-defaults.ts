import { active_children, cpu_count, Pool, ProcessPoolExecutor, runMain, ThreadPoolExecutor } from '../process';
import { programArgs } from './support/program-args';
import { report } from './support/trace';

/**
 * 003, 37: how big pools are by default and when their workers are created.
 *
 * Records: `cpu-count` {value}; `default-workers` {kind, value} for ProcessPoolExecutor() and
 * ThreadPoolExecutor(); `workers` {kind, when, value}: how many workers a ThreadPoolExecutor(5),
 * a ProcessPoolExecutor(3) and a Pool(2) have right after construction and after one submit.
 */

programArgs({});

export function noop(): null {
  return null;
}

async function main(): Promise<void> {
  report('cpu-count', { value: cpu_count() });
  const processDefault = new ProcessPoolExecutor();
  report('default-workers', { kind: 'ProcessPoolExecutor', value: processDefault._max_workers });
  const threadDefault = new ThreadPoolExecutor();
  report('default-workers', { kind: 'ThreadPoolExecutor', value: threadDefault._max_workers });
  await Promise.all([processDefault.shutdown(), threadDefault.shutdown()]);

  const threads = new ThreadPoolExecutor(5);
  report('workers', { kind: 'ThreadPoolExecutor', when: 'constructed', value: threads._workers });
  await threads.submit(noop).result();
  report('workers', { kind: 'ThreadPoolExecutor', when: 'after-submit', value: threads._workers });
  await threads.shutdown();

  const before = active_children().length;
  const processes = new ProcessPoolExecutor(3);
  report('workers', { kind: 'ProcessPoolExecutor', when: 'constructed', value: active_children().length - before });
  await processes.submit(noop).result();
  report('workers', { kind: 'ProcessPoolExecutor', when: 'after-submit', value: active_children().length - before });
  await processes.shutdown();

  const ahead = active_children().length;
  const pool = new Pool(2);
  report('workers', { kind: 'Pool', when: 'constructed', value: active_children().length - ahead });
  pool.close();
  await pool.join();
}

if (require.main === module) runMain(main);

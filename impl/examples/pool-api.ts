import { Pool, runMain } from '../process';
import { programArgs } from './support/program-args';
import { report } from './support/trace';

/**
 * What a Pool says when used out of order (000: "进程池的 close 必须放在 join 前面"):
 * join() on a running pool, apply_async() after close().
 *
 * Records: `join-before-close` {error, message}, `apply-after-close` {error, message},
 * `joined` once close() then join() worked.
 */

programArgs({});

export function noop(): null {
  return null;
}

function outcome(e: unknown): { error: string; message: string } {
  return e instanceof Error ? { error: e.name, message: e.message } : { error: 'none', message: '' };
}

async function main(): Promise<void> {
  const pool = new Pool(2);
  await pool.apply(noop);
  try {
    await pool.join();
    report('join-before-close', { error: 'none', message: '' });
  } catch (e) {
    report('join-before-close', outcome(e));
  }
  pool.close();
  try {
    pool.apply_async(noop);
    report('apply-after-close', { error: 'none', message: '' });
  } catch (e) {
    report('apply-after-close', outcome(e));
  }
  await pool.join();
  report('joined');
}

if (require.main === module) runMain(main);

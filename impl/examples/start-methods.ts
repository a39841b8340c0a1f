import { Empty } from '../errors';
import { get_all_start_methods, get_start_method, Pipe, Process, Queue, runMain, type Connection } from '../process';
import { Clock, programArgs } from './support/program-args';
import { report } from './support/trace';

/**
 * 003 §16 ("linux : 子进程空间的初识数据完全是由主程序copy的") and 000 注意点 ("如果需要实现队列
 * 共享,必须将队列作为参数进行传递"): what a child starts with under each start method.
 *
 * For every start method, the main process sets a module global before start() and changes it
 * after; the child says which value it sees. Then a module-global Queue made by the main process
 * is used by a child that was not given it, and another Queue is passed as an argument. The
 * reference's only start method is spawn (a fresh Node process loads the module anew), so the
 * child has the module's import-time state and what it was given; CPython's fork would give it
 * a copy of the parent at start().
 *
 * Records: `start-methods` {default, all}; `child-sees` {method, data}; `global-queue-put`
 * {method, error} in the child; `global-queue` {method, got}; `passed-queue` {method, got}.
 */

const args = programArgs({ patience: 3 });
const clock = new Clock(args.unitMs);

const IMPORT_TIME = 'import-time';
const BEFORE_START = 'set by the parent before start';
const AFTER_START = 'changed by the parent after start';

let data = IMPORT_TIME;
let gq: Queue<string> | null = null;

export async function look(method: string, conn: Connection): Promise<void> {
  await conn.recv(); // the parent has changed its global by now
  report('child-sees', { method, data });
}

export async function put_on_global(method: string): Promise<void> {
  try {
    await (gq as Queue<string>).put('from-global');
    report('global-queue-put', { method, error: null });
  } catch (e) {
    report('global-queue-put', { method, error: `${(e as Error).name}: ${(e as Error).message}` });
  }
}

export async function put_on_given(q: Queue<string>): Promise<void> {
  await q.put('from-argument');
}

async function got(q: Queue<string>, timeout: number): Promise<string | null> {
  try {
    return await q.get(true, timeout);
  } catch (e) {
    if (e instanceof Empty) return null;
    throw e;
  }
}

async function main(): Promise<void> {
  const methods = get_all_start_methods();
  report('start-methods', { default: get_start_method(), all: methods });
  const patience = clock.seconds(args.patience);
  for (const method of methods) {
    data = BEFORE_START;
    const [mine, theirs] = Pipe();
    let p = new Process({ target: look, args: [method, theirs] });
    p.start();
    data = AFTER_START;
    await mine.send('go');
    await p.join();

    gq = new Queue<string>();
    p = new Process({ target: put_on_global, args: [method] });
    p.start();
    await p.join();
    report('global-queue', { method, got: await got(gq, patience) });

    const q = new Queue<string>();
    p = new Process({ target: put_on_given, args: [q] });
    p.start();
    await p.join();
    report('passed-queue', { method, got: await got(q, patience) });
  }
}

if (require.main === module) runMain(main);

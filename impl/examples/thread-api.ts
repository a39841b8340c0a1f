import { setTimeout as delay } from 'node:timers/promises';
import { runMain } from '../process';
import { active_count, current_thread, enumerate, Thread } from '../threading';
import { programArgs } from './support/program-args';
import { report, say } from './support/trace';

/**
 * 003 §27-29 and 001 §6: the two ways to start a thread, their default names, what
 * threading.current_thread(), enumerate() and active_count() say, that a thread shares its
 * process's pid, and that daemon must be set before start(). `prompt` repeats "start a thread
 * that prints, then print in main" to see who usually prints first.
 *
 * Records: `runs` {how, name} in the thread; `main-thread` {name}; `names` {subclass, target};
 * `enumerate` {when, names, count}; `daemon-after-start` {error, message}; `prompt` {round, who}.
 */

const args = programArgs({ prompt: 20 });

export function task(name: string): void {
  say(`${name} is running`, 'runs', { how: 'target', name: current_thread().name });
}

export class MyThread extends Thread {
  override run(): void {
    say(`${this.name} is running`, 'runs', { how: 'subclass', name: this.name });
  }
}

export async function sleeper(ms: number): Promise<void> {
  await delay(ms);
}

export function first(round: number): void {
  report('prompt', { round, who: 'thread' });
}

async function main(): Promise<void> {
  report('main-thread', { name: current_thread().name });
  const sub = new MyThread();
  const byTarget = new Thread({ target: task, args: ['子线程'] });
  report('names', { subclass: sub.name, target: byTarget.name });
  sub.start();
  byTarget.start();
  sub.join();
  byTarget.join();

  const t = new Thread({ target: sleeper, args: [300] });
  report('enumerate', { when: 'before-start', names: enumerate().map((x) => x.name), count: active_count() });
  t.start();
  report('enumerate', { when: 'running', names: enumerate().map((x) => x.name), count: active_count() });
  try {
    t.daemon = true;
    report('daemon-after-start', { error: 'none', message: '' });
  } catch (e) {
    report('daemon-after-start', { error: (e as Error).name, message: (e as Error).message });
  }
  t.join();
  report('enumerate', { when: 'after-join', names: enumerate().map((x) => x.name), count: active_count() });

  for (let round = 0; round < args.prompt; round++) {
    const p = new Thread({ target: first, args: [round] });
    p.start();
    report('prompt', { round, who: 'main' });
    p.join();
  }
}

if (require.main === module) runMain(main);

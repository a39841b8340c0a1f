import { Event } from '..';
import { runMain } from '../process';
import { Thread } from '../threading';
import { programArgs } from './support/program-args';
import { now, report } from './support/trace';

/**
 * 000 协程 优点 and 001 十三 协程 优点1: switching between coroutines against switching between
 * threads. N tasks pass one token around a ring, each `handoffs` times: generators resumed in
 * turn by a loop, and threads each waiting on its own Event and setting the next one's. Only
 * the passing is timed (the threads are started and waiting first). Run for each N in `sizes`.
 *
 * Records: `switch-cost` {tasks, switches, coroutineMs, threadMs}.
 */

const args = programArgs({ sizes: [2, 4], handoffs: 200 });

function coroutineRing(tasks: number): number {
  let token = 0;
  function* member(): Generator<void, void, unknown> {
    for (let h = 0; h < args.handoffs; h++) {
      token++;
      yield;
    }
  }
  const ring = Array.from({ length: tasks }, () => member());
  const start = now();
  while (ring.length > 0) {
    const next = ring.shift()!;
    if (next.next().done !== true) ring.push(next);
  }
  const took = now() - start;
  if (token !== tasks * args.handoffs) throw new Error(`the token went round ${token} times`);
  return took;
}

export function relay(mine: Event, next: Event, handoffs: number): void {
  for (let h = 0; h < handoffs; h++) {
    mine.wait();
    mine.clear();
    next.set();
  }
}

function threadRing(tasks: number): number {
  const events = Array.from({ length: tasks }, () => new Event());
  const threads = events.map((mine, i) => new Thread({ target: relay, args: [mine, events[(i + 1) % tasks], args.handoffs] }));
  for (const t of threads) t.start();
  const start = now();
  events[0].set();
  for (const t of threads) t.join();
  return now() - start;
}

async function main(): Promise<void> {
  for (const tasks of args.sizes) {
    const coroutineMs = coroutineRing(tasks);
    const threadMs = threadRing(tasks);
    report('switch-cost', { tasks, switches: tasks * args.handoffs, coroutineMs, threadMs });
  }
}

if (require.main === module) runMain(main);

import { Barrier, Event } from '..';
import { runMain } from '../process';
import { Thread } from '../threading';
import { programArgs } from './support/program-args';
import { now, report } from './support/trace';

/**
 * 000 协程 优点 and 001 十三 协程 优点1: switching between coroutines against switching between
 * threads. N tasks pass one token around a ring, each `handoffs` times: generators resumed in
 * turn by a loop, and threads each waiting on its own Event and setting the next one's. Only
 * the passing is timed (the threads are started and waiting first), `rounds` times with the
 * same threads, each round between two barrier waits with the main thread; the first round of
 * each warms up and is not reported. Run for each N in `sizes`.
 *
 * Records: `switch-cost` {tasks, switches, coroutineMs, threadMs} per round.
 */

const args = programArgs({ sizes: [2, 6], handoffs: 200, rounds: 5 });

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

export function relay(mine: Event, next: Event, handoffs: number, rounds: number, gate: Barrier): void {
  for (let r = 0; r < rounds; r++) {
    gate.wait();
    for (let h = 0; h < handoffs; h++) {
      mine.wait();
      mine.clear();
      next.set();
    }
    gate.wait();
  }
}

/** Each round's time for the token to go `handoffs` times round a ring of `tasks` threads. */
function threadRing(tasks: number): number[] {
  const events = Array.from({ length: tasks }, () => new Event());
  const gate = new Barrier(tasks + 1);
  const threads = events.map((mine, i) => new Thread({ target: relay, args: [mine, events[(i + 1) % tasks], args.handoffs, args.rounds, gate] }));
  for (const t of threads) t.start();
  const times: number[] = [];
  for (let r = 0; r < args.rounds; r++) {
    gate.wait();
    const start = now();
    events[0].set();
    gate.wait();
    times.push(now() - start);
    // The last handoff of the round set the first thread's event again.
    events[0].clear();
  }
  for (const t of threads) t.join();
  return times;
}

async function main(): Promise<void> {
  for (const tasks of args.sizes) {
    const threadTimes = threadRing(tasks);
    for (let r = 1; r < args.rounds; r++) {
      report('switch-cost', { tasks, switches: tasks * args.handoffs, coroutineMs: coroutineRing(tasks), threadMs: threadTimes[r] });
    }
  }
}

if (require.main === module) runMain(main);

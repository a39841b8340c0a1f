/**
 * Generates a linearizable queue history for the checker benchmark: `actors` actors each run
 * put(item) / get_nowait on one FIFO queue, one operation after another. Every operation gets a
 * call time, a linearization point and a return time; effects are applied in the order of the
 * points (so the outputs are what a correct queue returns) and the actors' intervals overlap
 * freely, as real threads' would. Items are distinct ints; a get on an empty queue raises Empty.
 */
import { SeededRandom } from '../harness/chaos/seeded-random';
import type { HistoryEvent } from '../harness/scenario/history';

export interface QueueHistoryOptions {
  operations: number;
  actors: number;
  seed: number;
  /**
   * Items in the queue above which a get is more likely than a put, as when consumers keep up
   * with producers: the queue hovers around this length instead of drifting like a random walk.
   */
  backlog?: number;
  /** The queue's name in the history. */
  target?: string;
}

interface Planned {
  call: number;
  point: number;
  ret: number;
}

export function generateQueueHistory(options: QueueHistoryOptions): HistoryEvent[] {
  const { operations, actors, seed, backlog = 4, target = 'q' } = options;
  if (!(Number.isInteger(actors) && actors >= 1)) throw new RangeError('actors must be a positive integer');
  const random = new SeededRandom(seed);
  // Up to 1ms from the previous return to the call, up to 2ms waiting (for the queue's mutex,
  // say) until the effect, and up to 0.02ms from the effect to the return: in CPython's queue the
  // item is appended or taken under the mutex just before the call returns.
  const plan = (after: number): Planned => {
    const call = after + random.next();
    const point = call + 2 * random.next();
    return { call, point, ret: point + 0.02 * random.next() };
  };
  const next: Planned[] = Array.from({ length: actors }, () => plan(0));
  const counts = new Array<number>(actors).fill(0);
  const queue: number[] = [];
  let head = 0;
  let nextItem = 0;
  const events: HistoryEvent[] = [];

  for (let n = 0; n < operations; n++) {
    let a = 0;
    for (let b = 1; b < actors; b++) if ((next[b] as Planned).point < (next[a] as Planned).point) a = b;
    const op = next[a] as Planned;
    const actor = `T${a}`;
    const path = [counts[a]++ as number];
    if (random.chance(queue.length - head < backlog ? 0.6 : 0.3)) {
      const item = nextItem++;
      queue.push(item);
      events.push({ type: 'invoke', actor, f: 'put', target, args: { item }, time: op.call, path });
      events.push({ type: 'ok', actor, f: 'put', target, time: op.ret, path });
    } else {
      events.push({ type: 'invoke', actor, f: 'get_nowait', target, args: {}, time: op.call, path });
      if (head < queue.length) events.push({ type: 'ok', actor, f: 'get_nowait', target, value: queue[head++] as number, time: op.ret, path });
      else events.push({ type: 'fail', actor, f: 'get_nowait', target, error: 'Empty', time: op.ret, path });
    }
    next[a] = plan(op.ret);
  }
  // Actors whose next operation was planned but not generated have called nothing yet.
  return events.sort((x, y) => x.time - y.time);
}

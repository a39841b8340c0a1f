import type { SequentialModel } from '../types';
import { callOf, raised, returned } from './call-shape';

/**
 * threading.Semaphore(n), or BoundedSemaphore(n) when `bounded`: the state is the counter.
 * acquire → false linearizes where the counter is 0; release(k) adds k, and on a bounded one
 * raises ValueError without changing anything if that would pass n (CPython 3.11's check).
 */
export function semaphore(n: number, bounded = false): SequentialModel<number> {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`a semaphore's initial value must be an integer >= 0, got ${n}`);
  return {
    name: `${bounded ? 'bounded semaphore' : 'semaphore'}(${n})`,
    init: () => n,
    hash: (value) => String(value),
    describeState: (value) => `counter ${value}`,
    step(value, input, output) {
      const { f, args, out } = callOf(input, output);
      switch (f) {
        case 'acquire':
          if (returned(out, false)) return value === 0 ? value : undefined;
          if (out.outcome === 'fail' || value === 0) return undefined;
          return out.outcome === 'unknown' || returned(out, true) || out.value === undefined ? value - 1 : undefined;
        case 'release': {
          const k = typeof args['n'] === 'number' ? args['n'] : 1;
          const tooMany = bounded && value + k > n;
          if (raised(out, 'ValueError')) return tooMany ? value : undefined;
          if (out.outcome === 'fail' || tooMany) return undefined;
          return value + k;
        }
        default:
          return undefined;
      }
    },
  };
}

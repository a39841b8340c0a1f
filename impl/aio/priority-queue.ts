import { heappop, heappush } from '../shared/heapq';
import { pythonLessThan, type PyValue } from '../shared/python-order';
import { Queue } from './queue';

/**
 * asyncio.PriorityQueue: the lowest item by Python's `<` leaves first, ties broken by heap
 * position exactly as heapq does. Items Python cannot compare raise TypeError from put_nowait
 * or get_nowait, leaving the queue as CPython would (see ../shared/heapq.ts).
 */
export class PriorityQueue<T extends PyValue = PyValue> extends Queue<T> {
  protected override putItem(item: T): void {
    heappush(this.items, item, pythonLessThan);
  }

  protected override takeItem(): T {
    return heappop(this.items, pythonLessThan);
  }
}

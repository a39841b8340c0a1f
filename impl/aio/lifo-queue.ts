import { Queue } from './queue';

/** asyncio.LifoQueue: the most recently added item leaves first. */
export class LifoQueue<T = unknown> extends Queue<T> {
  protected override takeItem(): T {
    return this.items.pop() as T;
  }
}

/**
 * The three queue disciplines of Python's `queue` module, as the `_put`/`_get` pair each class
 * overrides: FIFO (`Queue`), LIFO (`LifoQueue`) and a binary min-heap (`PriorityQueue`, heapq's
 * algorithm with Python's `<`). Called with the queue's mutex held.
 */
import { siftDown, siftUp, type HeapSlots } from '../shared/heapq';
import type { ItemStore } from './item-store';
import { pythonLessThan } from '../shared/python-order';

export type ItemOrderName = 'fifo' | 'lifo' | 'priority';

export interface ItemOrder {
  put(store: ItemStore, bytes: Uint8Array): void;
  get(store: ItemStore): unknown;
}

const fifo: ItemOrder = {
  put: (store, bytes) => store.append(bytes),
  get: (store) => store.takeFirst(),
};

const lifo: ItemOrder = {
  put: (store, bytes) => store.append(bytes),
  get: (store) => store.takeLast(),
};

function heapOf(store: ItemStore): HeapSlots {
  return {
    get length() {
      return store.length;
    },
    less: (i, j) => pythonLessThan(store.read(i), store.read(j)),
    swap: (i, j) => store.swap(i, j),
  };
}

/** heapq.heappush / heapq.heappop. Equal items come out in the order CPython's heapq gives. */
const priority: ItemOrder = {
  put(store, bytes) {
    store.append(bytes);
    siftDown(heapOf(store), 0, store.length - 1);
  },
  get(store) {
    const item = store.replaceFirstWithLast();
    if (store.length > 0) siftUp(heapOf(store), 0);
    return item;
  },
};

export const ITEM_ORDERS: Readonly<Record<ItemOrderName, ItemOrder>> = { fifo, lifo, priority };

/**
 * CPython's heapq (the C accelerator, Modules/_heapqmodule.c), ported step for step because the
 * order of equal-priority items and the state left behind when a comparison raises are
 * observable through PriorityQueue: the C code swaps pairs instead of moving a hole, so after
 * a TypeError the list is still a permutation of its items (heappush keeps the new item;
 * heappop has already removed the item it was about to return, which is then lost).
 */
export type LessThan<T> = (a: T, b: T) => boolean;

function swap<T>(heap: T[], i: number, j: number): void {
  const t = heap[i] as T;
  heap[i] = heap[j] as T;
  heap[j] = t;
}

/** Moves the item at `pos` up towards `start` while it is smaller than its parent. */
function siftDown<T>(heap: T[], start: number, pos: number, lt: LessThan<T>): void {
  while (pos > start) {
    const parent = (pos - 1) >> 1;
    if (!lt(heap[pos] as T, heap[parent] as T)) break;
    swap(heap, pos, parent);
    pos = parent;
  }
}

/** Moves the smaller child up until `pos` is a leaf, then sifts the item there back up. */
function siftUp<T>(heap: T[], pos: number, lt: LessThan<T>): void {
  const end = heap.length;
  const start = pos;
  const limit = end >> 1;
  while (pos < limit) {
    let child = 2 * pos + 1;
    // The right child wins unless the left is strictly smaller, as in C (`childpos += cmp ^ 1`).
    if (child + 1 < end && !lt(heap[child] as T, heap[child + 1] as T)) child += 1;
    swap(heap, child, pos);
    pos = child;
  }
  siftDown(heap, start, pos, lt);
}

export function heappush<T>(heap: T[], item: T, lt: LessThan<T>): void {
  heap.push(item);
  siftDown(heap, 0, heap.length - 1, lt);
}

/** The caller checks for emptiness (asyncio does, before calling heappop). */
export function heappop<T>(heap: T[], lt: LessThan<T>): T {
  const last = heap.pop() as T;
  if (heap.length === 0) return last;
  const top = heap[0] as T;
  heap[0] = last;
  siftUp(heap, 0, lt);
  return top;
}

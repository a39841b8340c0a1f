/**
 * CPython's heapq (the C accelerator, Modules/_heapqmodule.c), ported step for step because the
 * order of equal-priority items and the state left behind when a comparison raises are
 * observable through PriorityQueue: the C code swaps pairs instead of moving a hole and compares
 * with `<` only, so after a TypeError the sequence is still a permutation of its items
 * (heappush keeps the new item; heappop has already removed the item it was about to return,
 * which is then lost).
 *
 * The sift routines work over any indexable sequence (HeapSlots), so the thread queue can run
 * them over its shared-memory item store; heappush/heappop are the list-level entry points.
 */

/** The sequence the routines work on; `less(i, j)` is Python's `heap[i] < heap[j]`. */
export interface HeapSlots {
  readonly length: number;
  less(i: number, j: number): boolean;
  swap(i: number, j: number): void;
}

/** Python's `a < b` for heap items; may throw, as Python's `<` may raise. */
export type LessThan<T> = (a: T, b: T) => boolean;

/** C `siftdown(heap, startpos, pos)`: moves heap[pos] up towards `startPos` while it is smaller. */
export function siftDown(heap: HeapSlots, startPos: number, pos: number): void {
  while (pos > startPos) {
    const parentPos = (pos - 1) >> 1;
    if (!heap.less(pos, parentPos)) break;
    heap.swap(pos, parentPos);
    pos = parentPos;
  }
}

/** C `siftup(heap, pos)`: moves the smaller child up until `pos` is a leaf, then sifts back. */
export function siftUp(heap: HeapSlots, pos: number): void {
  const endPos = heap.length;
  const startPos = pos;
  const limit = endPos >> 1;
  while (pos < limit) {
    let childPos = 2 * pos + 1;
    // The right child wins unless the left is strictly smaller, as in C (`childpos += cmp ^ 1`).
    if (childPos + 1 < endPos && !heap.less(childPos, childPos + 1)) childPos += 1;
    heap.swap(childPos, pos);
    pos = childPos;
  }
  siftDown(heap, startPos, pos);
}

function arraySlots<T>(heap: T[], lt: LessThan<T>): HeapSlots {
  return {
    get length() {
      return heap.length;
    },
    less: (i, j) => lt(heap[i] as T, heap[j] as T),
    swap: (i, j) => {
      const t = heap[i] as T;
      heap[i] = heap[j] as T;
      heap[j] = t;
    },
  };
}

/** heapq.heappush. */
export function heappush<T>(heap: T[], item: T, lt: LessThan<T>): void {
  heap.push(item);
  siftDown(arraySlots(heap, lt), 0, heap.length - 1);
}

/** heapq.heappop. The caller checks for emptiness (asyncio does, before calling heappop). */
export function heappop<T>(heap: T[], lt: LessThan<T>): T {
  const last = heap.pop() as T;
  if (heap.length === 0) return last;
  const top = heap[0] as T;
  heap[0] = last;
  siftUp(arraySlots(heap, lt), 0);
  return top;
}

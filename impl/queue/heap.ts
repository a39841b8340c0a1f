/**
 * CPython's heapq sift routines (Modules/_heapqmodule.c), step for step, over any indexable
 * sequence. Following the C code exactly (swaps, the bottom-up `siftup`, comparing with `<`
 * only) gives the same order as CPython for items of equal priority, and the same partial
 * state when a comparison raises TypeError midway: `heappush` leaves the new item in the list,
 * `heappop` loses the item it was about to return.
 */

/** The sequence the routines work on; `less(i, j)` is Python's `heap[i] < heap[j]`. */
export interface HeapSlots {
  readonly length: number;
  less(i: number, j: number): boolean;
  swap(i: number, j: number): void;
}

/** C `siftdown(heap, startpos, pos)`: moves heap[pos] up towards the root while it is smaller. */
export function siftDown(heap: HeapSlots, startPos: number, pos: number): void {
  while (pos > startPos) {
    const parentPos = (pos - 1) >> 1;
    if (!heap.less(pos, parentPos)) break;
    heap.swap(pos, parentPos);
    pos = parentPos;
  }
}

/** C `siftup(heap, pos)`: moves the smaller child up to a leaf, then sifts the item back down. */
export function siftUp(heap: HeapSlots, pos: number): void {
  const endPos = heap.length;
  const startPos = pos;
  const limit = endPos >> 1;
  while (pos < limit) {
    let childPos = 2 * pos + 1;
    if (childPos + 1 < endPos && !heap.less(childPos, childPos + 1)) childPos += 1;
    heap.swap(childPos, pos);
    pos = childPos;
  }
  siftDown(heap, startPos, pos);
}

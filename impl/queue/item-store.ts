/**
 * The items of a shared queue: a sequence of serialized values in two growable
 * SharedArrayBuffers, readable and writable from any worker thread. NOT synchronised: every
 * call must be made with the owning queue's mutex held.
 *
 * `meta` holds a header and one (offset, length) reference per item, for the live window
 * [head, head + count); `data` is a bump-allocated byte arena. Values are encoded by
 * item-codec.ts (structured-clone semantics). When a buffer runs out it is compacted or grown
 * (amortised O(1) per item); both buffers are growable up to a configurable maximum, and an
 * operation that would need more raises CapacityError before changing anything.
 */
import { CapacityError } from '../errors';
import { decodeItem } from './item-codec';

export interface ItemStoreHandle {
  readonly meta: SharedArrayBuffer;
  readonly data: SharedArrayBuffer;
}

export interface ItemStoreLimits {
  /** Most bytes of serialized items held at once (default 1 GiB, reserved as address space only). */
  maxBytes?: number;
  /** Most items held at once (default 2**24). */
  maxItems?: number;
  /** Starting sizes (default 4096 bytes, 64 items); tests make them tiny to exercise growth. */
  initialBytes?: number;
  initialItems?: number;
}

const HEAD = 0;
const COUNT = 1;
const TOP = 2; // first free byte of the data arena
const LIVE = 3; // bytes referenced by live items
const HEADER_WORDS = 4;
const INITIAL_ITEMS = 64;
const INITIAL_BYTES = 4096;
export const DEFAULT_MAX_BYTES = 2 ** 30;
export const DEFAULT_MAX_ITEMS = 2 ** 24;

export class ItemStore {
  // Length-tracking views: they follow growth made by any thread.
  private readonly meta: Int32Array;
  private readonly data: Uint8Array;

  constructor(readonly handle: ItemStoreHandle) {
    this.meta = new Int32Array(handle.meta);
    this.data = new Uint8Array(handle.data);
  }

  static allocate(limits: ItemStoreLimits = {}): ItemStoreHandle {
    const maxItems = limits.maxItems ?? DEFAULT_MAX_ITEMS;
    const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
    if (!(Number.isInteger(maxItems) && maxItems >= 1)) throw new RangeError('maxItems must be a positive integer');
    if (!(Number.isInteger(maxBytes) && maxBytes >= 1)) throw new RangeError('maxBytes must be a positive integer');
    const metaWords = (items: number) => (HEADER_WORDS + 2 * items) * 4;
    return {
      meta: new SharedArrayBuffer(metaWords(Math.min(limits.initialItems ?? INITIAL_ITEMS, maxItems)), {
        maxByteLength: metaWords(maxItems),
      }),
      data: new SharedArrayBuffer(Math.min(limits.initialBytes ?? INITIAL_BYTES, maxBytes), { maxByteLength: maxBytes }),
    };
  }

  get length(): number {
    return this.meta[COUNT];
  }

  /** Appends an already serialized item at the end. */
  append(bytes: Uint8Array): void {
    this.reserveSlot();
    this.reserveBytes(bytes.length);
    const top = this.meta[TOP];
    this.data.set(bytes, top);
    this.setRef(this.meta[COUNT], top, bytes.length);
    this.meta[COUNT] += 1;
    this.meta[TOP] = top + bytes.length;
    this.meta[LIVE] += bytes.length;
  }

  /** Removes and returns the first item. */
  takeFirst(): unknown {
    const value = this.read(0);
    this.forget(0);
    this.meta[HEAD] += 1;
    this.meta[COUNT] -= 1;
    this.resetIfEmpty();
    return value;
  }

  /** Removes and returns the last item. */
  takeLast(): unknown {
    const last = this.meta[COUNT] - 1;
    const value = this.read(last);
    const offset = this.offset(last);
    // A stack pops what it pushed last, so its bytes can be reused at once.
    if (offset + this.size(last) === this.meta[TOP]) this.meta[TOP] = offset;
    this.forget(last);
    this.meta[COUNT] -= 1;
    this.resetIfEmpty();
    return value;
  }

  /**
   * heapq's pop step before its sift: moves the last item into position 0 and returns the item
   * that was there (or the last item, when it was the only one).
   */
  replaceFirstWithLast(): unknown {
    if (this.meta[COUNT] === 1) return this.takeLast();
    const value = this.read(0);
    this.forget(0);
    const last = this.meta[COUNT] - 1;
    this.setRef(0, this.offset(last), this.size(last));
    this.meta[COUNT] -= 1;
    return value;
  }

  /** Deserializes item `i` (0 is the first of the live window). */
  read(i: number): unknown {
    const offset = this.offset(i);
    return decodeItem(this.data, offset, this.size(i));
  }

  swap(i: number, j: number): void {
    const a = this.refIndex(i);
    const b = this.refIndex(j);
    const [offset, size] = [this.meta[a], this.meta[a + 1]];
    this.meta[a] = this.meta[b];
    this.meta[a + 1] = this.meta[b + 1];
    this.meta[b] = offset;
    this.meta[b + 1] = size;
  }

  private refIndex(i: number): number {
    return HEADER_WORDS + 2 * (this.meta[HEAD] + i);
  }

  private offset(i: number): number {
    return this.meta[this.refIndex(i)];
  }

  private size(i: number): number {
    return this.meta[this.refIndex(i) + 1];
  }

  private setRef(i: number, offset: number, size: number): void {
    const at = this.refIndex(i);
    this.meta[at] = offset;
    this.meta[at + 1] = size;
  }

  private forget(i: number): void {
    this.meta[LIVE] -= this.size(i);
  }

  private resetIfEmpty(): void {
    if (this.meta[COUNT] === 0) {
      this.meta[HEAD] = 0;
      this.meta[TOP] = 0;
    }
  }

  private slotCapacity(): number {
    return (this.meta.length - HEADER_WORDS) >> 1;
  }

  /** Makes room for one more reference after the live window. */
  private reserveSlot(): void {
    const capacity = this.slotCapacity();
    const head = this.meta[HEAD];
    const count = this.meta[COUNT];
    if (head + count < capacity) return;
    if (head > 0 && head >= capacity >> 1) {
      // Slide the window back to the start; at least half the table is free, so this is rare.
      const from = HEADER_WORDS + 2 * head;
      this.meta.copyWithin(HEADER_WORDS, from, from + 2 * count);
      this.meta[HEAD] = 0;
      return;
    }
    const maxCapacity = (this.handle.meta.maxByteLength / 4 - HEADER_WORDS) >> 1;
    if (head + count >= maxCapacity) {
      throw new CapacityError(`queue holds too many items (maxItems is ${maxCapacity})`);
    }
    const grown = Math.min(maxCapacity, capacity * 2);
    this.handle.meta.grow((HEADER_WORDS + 2 * grown) * 4);
  }

  /** Makes room for `size` more bytes at the top of the arena, compacting or growing it. */
  private reserveBytes(size: number): void {
    const capacity = this.data.length;
    if (this.meta[TOP] + size <= capacity) return;
    const needed = this.meta[LIVE] + size;
    const maxBytes = this.handle.data.maxByteLength;
    if (needed > maxBytes) {
      throw new CapacityError(
        `queue items need ${needed} bytes, more than maxBytes (${maxBytes}); raise the queue's maxBytes option`,
      );
    }
    // Keep at least half the arena free after compaction so compactions stay amortised O(1).
    const grown = Math.min(maxBytes, Math.max(capacity * 2, needed * 2));
    if (needed * 2 > capacity && grown > capacity) this.handle.data.grow(grown);
    this.compact();
  }

  /** Moves every live item to the start of the arena, in window order. */
  private compact(): void {
    const count = this.meta[COUNT];
    const packed = Buffer.allocUnsafe(this.meta[LIVE]);
    let top = 0;
    for (let i = 0; i < count; i++) {
      const offset = this.offset(i);
      const size = this.size(i);
      packed.set(this.data.subarray(offset, offset + size), top);
      this.setRef(i, top, size);
      top += size;
    }
    this.data.set(packed, 0);
    this.meta[TOP] = top;
  }
}

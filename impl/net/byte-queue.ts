/**
 * Bytes received but not yet consumed, kept as the chunks they arrived in so that pushing is
 * O(1) and taking n bytes copies each byte once, however the stream was sliced.
 */
const CONSUMED = Buffer.alloc(0);

export class ByteQueue {
  private chunks: Buffer[] = [];
  /** Index of the first unconsumed chunk: shifting an array per chunk would be quadratic. */
  private head = 0;
  private total = 0;

  get length(): number {
    return this.total;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    this.total += chunk.length;
  }

  /** Removes and returns the first `n` bytes (all of them if fewer are held). */
  take(n: number): Buffer {
    const count = Math.min(Math.max(0, Math.floor(n)), this.total);
    if (count === 0) return Buffer.alloc(0);
    const first = this.chunks[this.head]!;
    if (first.length === count) {
      this.dropHead();
      this.total -= count;
      return first;
    }
    if (first.length > count) {
      this.chunks[this.head] = first.subarray(count);
      this.total -= count;
      return first.subarray(0, count);
    }
    const out = Buffer.allocUnsafe(count);
    let filled = 0;
    while (filled < count) {
      const chunk = this.chunks[this.head]!;
      const want = count - filled;
      if (chunk.length <= want) {
        chunk.copy(out, filled);
        filled += chunk.length;
        this.dropHead();
      } else {
        chunk.copy(out, filled, 0, want);
        this.chunks[this.head] = chunk.subarray(want);
        filled += want;
      }
    }
    this.total -= count;
    return out;
  }

  private dropHead(): void {
    // Let go of the consumed chunk now: a stream that never drains completely (a long upload
    // read as it arrives) would otherwise keep up to 1024 read chunks alive until compaction.
    this.chunks[this.head] = CONSUMED;
    this.head += 1;
    if (this.head === this.chunks.length) {
      this.chunks = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }

  /** Removes everything held. */
  takeAll(): Buffer {
    return this.take(this.total);
  }
}

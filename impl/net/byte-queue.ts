/**
 * Bytes received but not yet consumed, kept as the chunks they arrived in so that pushing is
 * O(1) and taking n bytes copies each byte once, however the stream was sliced. The first
 * chunk is consumed by moving an offset into it, so taking a small piece (a 4-byte prefix,
 * a 16-byte message) allocates at most the one view it returns.
 */
const CONSUMED = Buffer.alloc(0);

export class ByteQueue {
  private chunks: Buffer[] = [];
  /** Index of the first unconsumed chunk: shifting an array per chunk would be quadratic. */
  private head = 0;
  /** Bytes of chunks[head] already consumed. */
  private offset = 0;
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
    const left = first.length - this.offset;
    if (left >= count) {
      const out = this.offset === 0 && left === count ? first : first.subarray(this.offset, this.offset + count);
      this.consumeInHead(count, left);
      return out;
    }
    const out = Buffer.allocUnsafe(count);
    let filled = 0;
    while (filled < count) {
      const chunk = this.chunks[this.head]!;
      const available = chunk.length - this.offset;
      const want = Math.min(count - filled, available);
      chunk.copy(out, filled, this.offset, this.offset + want);
      filled += want;
      this.consumeInHead(want, available);
    }
    return out;
  }

  /**
   * The signed 32-bit int in the first 4 bytes, without consuming them (struct's 'i'); the
   * caller checks that 4 bytes are held.
   */
  peekInt32(littleEndian: boolean): number {
    const first = this.chunks[this.head]!;
    if (first.length - this.offset >= 4) return littleEndian ? first.readInt32LE(this.offset) : first.readInt32BE(this.offset);
    const bytes = this.peek(4);
    return littleEndian ? bytes.readInt32LE(0) : bytes.readInt32BE(0);
  }

  /** Drops the first `n` bytes (n <= length). */
  skip(n: number): void {
    let left = n;
    while (left > 0) {
      const available = this.chunks[this.head]!.length - this.offset;
      const step = Math.min(left, available);
      this.consumeInHead(step, available);
      left -= step;
    }
  }

  /** A copy of the first `n` bytes (n <= length), not consumed. */
  private peek(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    for (let i = this.head, from = this.offset; filled < n; i++, from = 0) {
      filled += this.chunks[i]!.copy(out, filled, from, Math.min(this.chunks[i]!.length, from + n - filled));
    }
    return out;
  }

  /** Consumes `count` bytes of the head chunk, which has `available` unconsumed. */
  private consumeInHead(count: number, available: number): void {
    this.total -= count;
    if (count < available) {
      this.offset += count;
      return;
    }
    this.offset = 0;
    this.dropHead();
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

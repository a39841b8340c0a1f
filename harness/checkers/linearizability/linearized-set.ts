/**
 * The set of operations linearized so far, as a bitset with a Zobrist hash kept up to date on
 * every set/clear: the memo is consulted after every step, and rehashing a 10,000-bit set each
 * time would cost more than the search itself.
 */
export class LinearizedSet {
  private readonly words: Uint32Array;
  private hashLow = 0;
  private hashHigh = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.words = new Uint32Array((capacity + 31) >>> 5);
  }

  has(i: number): boolean {
    return ((this.words[i >>> 5] as number) & (1 << (i & 31))) !== 0;
  }

  set(i: number): void {
    if (this.has(i)) return;
    this.words[i >>> 5] = (this.words[i >>> 5] as number) | (1 << (i & 31));
    this.toggleHash(i);
    this.count++;
  }

  clear(i: number): void {
    if (!this.has(i)) return;
    this.words[i >>> 5] = (this.words[i >>> 5] as number) & ~(1 << (i & 31));
    this.toggleHash(i);
    this.count--;
  }

  get size(): number {
    return this.count;
  }

  /** 64 bits of hash as a string key; equal sets always agree, unequal ones almost never. */
  get key(): string {
    return `${this.hashLow.toString(36)}.${this.hashHigh.toString(36)}`;
  }

  /** 53 bits of the hash as a safe integer, for keys that must not allocate. */
  get hash53(): number {
    return this.hashLow * 0x200000 + (this.hashHigh & 0x1fffff);
  }

  equals(other: LinearizedSet): boolean {
    if (this.count !== other.count || this.hashLow !== other.hashLow) return false;
    for (let w = 0; w < this.words.length; w++) if (this.words[w] !== other.words[w]) return false;
    return true;
  }

  clone(): LinearizedSet {
    const copy = new LinearizedSet(this.capacity);
    copy.words.set(this.words);
    copy.hashLow = this.hashLow;
    copy.hashHigh = this.hashHigh;
    copy.count = this.count;
    return copy;
  }

  private toggleHash(i: number): void {
    this.hashLow = (this.hashLow ^ mix(i * 2 + 1)) >>> 0;
    this.hashHigh = (this.hashHigh ^ mix(i * 2 + 2)) >>> 0;
  }
}

/** A fixed pseudo-random 32-bit value per index (murmur3's finaliser). */
function mix(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Deliveries due at given times, run by one timer. `ordered` (TCP) never lets an item overtake
 * the one scheduled before it; otherwise (UDP) each item goes at its own time, equal times in
 * scheduling order. `clear` cancels the timer and drops what is pending, so a closed relay
 * leaves no timer behind.
 */
export class DeliveryQueue<T> {
  private readonly items: { at: number; seq: number; item: T }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private seq = 0;
  private lastAt = -Infinity;
  private cleared = false;

  constructor(
    private readonly deliver: (item: T) => void,
    private readonly ordered: boolean,
  ) {}

  get pending(): number {
    return this.items.length;
  }

  schedule(at: number, item: T): void {
    if (this.cleared) return;
    const due = this.ordered ? Math.max(at, this.lastAt) : at;
    this.lastAt = Math.max(this.lastAt, due);
    const entry = { at: due, seq: this.seq++, item };
    let i = this.items.length;
    while (i > 0 && this.items[i - 1]!.at > due) i--;
    this.items.splice(i, 0, entry);
    this.arm();
  }

  clear(): void {
    this.cleared = true;
    this.items.length = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const head = this.items[0];
    if (!head) return;
    this.timer = setTimeout(() => this.run(), Math.max(0, head.at - performance.now()));
  }

  private run(): void {
    this.timer = null;
    const now = performance.now();
    while (!this.cleared && this.items.length > 0 && this.items[0]!.at <= now) this.deliver(this.items.shift()!.item);
    if (!this.cleared) this.arm();
  }
}

import { BrokenBarrierError, ValueError } from '../errors';
import { CancelScope, type WaitOptions } from './cancel-scope';
import { Condition } from './condition';

/**
 * `filling`: parties are arriving. `draining`: the barrier tripped and the released parties are
 * leaving; newcomers wait for the next cycle. `resetting`: reset() while parties were inside;
 * they leave with BrokenBarrierError. `broken`: abort(); everyone gets BrokenBarrierError.
 */
type BarrierState = 'filling' | 'draining' | 'resetting' | 'broken';

/**
 * asyncio.Barrier (new in 3.11): the same state machine as CPython's, built on a Condition.
 * A party cancelled while waiting simply leaves (n_waiting drops); the barrier is not broken.
 */
export class Barrier {
  private readonly cond = new Condition();
  private readonly partyCount: number;
  private state: BarrierState = 'filling';
  /** Parties inside wait(): arrived and not yet left. */
  private count = 0;

  constructor(parties: number) {
    if (parties < 1) throw new ValueError('parties must be > 0');
    this.partyCount = parties;
  }

  get parties(): number {
    return this.partyCount;
  }

  /** Parties blocked at the barrier now; 0 while it drains or resets. */
  get n_waiting(): number {
    return this.state === 'filling' ? this.count : 0;
  }

  get broken(): boolean {
    return this.state === 'broken';
  }

  /**
   * Resolves to this party's arrival index, 0..parties-1, once all parties have arrived.
   * Rejects with BrokenBarrierError if the barrier is aborted or reset meanwhile.
   */
  wait(options?: WaitOptions): Promise<number> {
    return CancelScope.run(options, async (scope) => {
      const signal = scope.signal;
      await this.cond.acquire({ signal });
      try {
        await this.blockWhileDraining(signal);
        try {
          const index = this.count;
          this.count += 1;
          if (index + 1 === this.partyCount) this.trip();
          else await this.waitForTrip(signal);
          return index;
        } finally {
          this.count -= 1;
          this.exit();
        }
      } finally {
        this.cond.release();
      }
    });
  }

  /** Parties now inside wait() get BrokenBarrierError; the barrier is usable again afterwards. */
  reset(options?: WaitOptions): Promise<void> {
    return this.underLock(options, () => {
      if (this.count > 0) this.state = 'resetting';
      else this.state = 'filling';
    });
  }

  /** Breaks the barrier: current and future wait() calls get BrokenBarrierError until reset(). */
  abort(options?: WaitOptions): Promise<void> {
    return this.underLock(options, () => {
      this.state = 'broken';
    });
  }

  private underLock(options: WaitOptions | undefined, change: () => void): Promise<void> {
    return CancelScope.run(options, async (scope) => {
      await this.cond.acquire({ signal: scope.signal });
      try {
        change();
        this.cond.notify_all();
      } finally {
        this.cond.release();
      }
    });
  }

  private async blockWhileDraining(signal: AbortSignal): Promise<void> {
    await this.cond.wait_for(() => this.state !== 'draining' && this.state !== 'resetting', { signal });
    if (this.state === 'broken') throw new BrokenBarrierError('Barrier aborted');
  }

  private trip(): void {
    this.state = 'draining';
    this.cond.notify_all();
  }

  private async waitForTrip(signal: AbortSignal): Promise<void> {
    await this.cond.wait_for(() => this.state !== 'filling', { signal });
    if (this.state === 'broken' || this.state === 'resetting') {
      throw new BrokenBarrierError('Abort or reset of barrier');
    }
  }

  /** The last party out ends a drain or reset and lets the next cycle's parties in. */
  private exit(): void {
    if (this.count !== 0) return;
    if (this.state === 'resetting' || this.state === 'draining') this.state = 'filling';
    this.cond.notify_all();
  }
}

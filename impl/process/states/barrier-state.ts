import { BrokenBarrierError } from '../../errors';
import { WaitList, type CallContext } from './wait-list';

/**
 * A Barrier held by a manager process: wait() returns the caller's arrival index (0 for the
 * first) once `parties` callers have arrived; abort(), or a wait that times out, breaks it and
 * every waiter raises BrokenBarrierError until reset().
 */
export class BarrierState {
  private arrived = 0;
  private broken = false;
  private readonly waiters = new WaitList<boolean>();

  constructor(private readonly parties: number) {}

  call(method: string, args: unknown[], ctx: CallContext): unknown {
    switch (method) {
      case 'wait':
        return this.wait(ctx, args[0] as number | null);
      case 'abort':
        this.break();
        return null;
      case 'reset':
        this.break();
        this.broken = false;
        return null;
      case 'parties':
        return this.parties;
      case 'n_waiting':
        return this.waiters.length;
      case 'broken':
        return this.broken;
      default:
        throw new TypeError(`a Barrier has no method ${method}`);
    }
  }

  private break(): void {
    this.broken = true;
    this.arrived = 0;
    this.waiters.wakeAll(false);
  }

  private async wait(ctx: CallContext, timeout: number | null): Promise<number> {
    if (this.broken) throw new BrokenBarrierError();
    const index = this.arrived++;
    if (this.arrived === this.parties) {
      this.arrived = 0;
      this.waiters.wakeAll(true);
      return index;
    }
    const passed = await this.waiters.park(ctx, timeout, () => {
      this.break();
      return false;
    }, undefined);
    if (!passed) throw new BrokenBarrierError();
    return index;
  }
}

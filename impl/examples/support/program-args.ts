import { setTimeout as delay } from 'node:timers/promises';

/**
 * Arguments of an example program: JSON in argv[2] over the program's defaults. `unitMs` is how
 * long one of the document's seconds lasts (1000 by default; the suite passes its scenario's
 * time unit, so a program scaled down keeps every proportion of the original).
 */
export function programArgs<T extends object>(defaults: T): T & { unitMs: number } {
  const given = process.argv[2] === undefined ? {} : (JSON.parse(process.argv[2]) as Partial<T> & { unitMs?: number });
  return { unitMs: 1000, ...defaults, ...given };
}

/** Scales the document's seconds. */
export class Clock {
  constructor(readonly unitMs: number) {}

  /** The document's `n` seconds in real seconds (for timeouts of impl/ calls). */
  seconds(n: number): number {
    return (n * this.unitMs) / 1000;
  }

  /**
   * time.sleep(n) when it must block the whole process, as in a CPython callback where a sleep
   * holds up everything else its thread would do (see crawler-futures.ts).
   */
  sleepBlocking(n: number): void {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, n * this.unitMs);
  }

  /** time.sleep(n) of the document. */
  sleep(n: number): Promise<void> {
    return delay(n * this.unitMs);
  }
}

/** random.randint(a, b): an integer in [a, b]. */
export function randint(a: number, b: number): number {
  return a + Math.floor(Math.random() * (b - a + 1));
}

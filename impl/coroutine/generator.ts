/**
 * A Python generator's protocol over a JavaScript generator: `__next__()` and `send(value)`.
 * JavaScript silently drops the value of the first `next(value)`; Python refuses it, which is
 * why the documents' producer primes each consumer with `__next__()` before `send()`. A
 * finished generator raises StopIteration, as in Python.
 */

export class StopIteration extends Error {
  override readonly name = 'StopIteration';
  constructor(readonly value: unknown = null) {
    super('');
  }
}

export class PyGenerator<Y, S = unknown> {
  private started = false;
  private finished = false;

  constructor(private readonly inner: Generator<Y, unknown, S | null>) {}

  __next__(): Y {
    return this.send(null);
  }

  send(value: S | null): Y {
    if (!this.started && value !== null) throw new TypeError("can't send non-None value to a just-started generator");
    if (this.finished) throw new StopIteration();
    this.started = true;
    const step = this.inner.next(value);
    if (step.done === true) {
      this.finished = true;
      throw new StopIteration(step.value);
    }
    return step.value;
  }
}

/** Python's `next(g)`. */
export function next<Y>(g: PyGenerator<Y>): Y {
  return g.__next__();
}

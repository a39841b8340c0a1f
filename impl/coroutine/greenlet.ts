import { RuntimeError } from '../errors';

/**
 * Explicit switching between functions, as greenlet does, over JavaScript generators: a
 * greenlet's body is a generator function, and `yield g.switch(...args)` hands control to `g`
 * (the first switch into `g` starts its body with `args`; later switches resume it where it
 * switched away, and `args[0]` becomes the value of the `yield` that suspended it). Nothing
 * switches by itself: a blocking call inside a body blocks every greenlet. A body that returns
 * hands control back to its parent, the greenlet that created it.
 *
 * `runGreenlets(main)` runs a program's main body as the root greenlet; it returns when the
 * main body does (greenlets left suspended are simply dropped, as CPython collects them).
 */

export type GreenletBody = (...args: never[]) => Generator<SwitchRequest, unknown, unknown>;

/** What a body yields to switch. */
export interface SwitchRequest {
  readonly to: Greenlet;
  readonly args: unknown[];
}

let current: Greenlet | undefined;
/** The main body's greenlet: the parent of greenlets created outside any greenlet. */
let root: Greenlet | undefined;

export class Greenlet {
  private body: Generator<SwitchRequest, unknown, unknown> | undefined;
  private finished = false;
  readonly parent: Greenlet | undefined;

  constructor(private readonly run: GreenletBody) {
    this.parent = current;
  }

  get dead(): boolean {
    return this.finished;
  }

  switch(...args: unknown[]): SwitchRequest {
    return { to: this, args };
  }

  /** Runs this greenlet until it switches away or returns; the request says what comes next. */
  resume(args: unknown[]): { next: Greenlet; args: unknown[] } | undefined {
    if (this.finished) throw new RuntimeError('cannot switch to a dead greenlet');
    const previous = current;
    current = this;
    try {
      let step: IteratorResult<SwitchRequest, unknown>;
      if (this.body === undefined) {
        this.body = (this.run as (...a: unknown[]) => Generator<SwitchRequest, unknown, unknown>)(...args);
        step = this.body.next();
      } else {
        step = this.body.next(args[0] ?? null);
      }
      if (step.done === true) {
        this.finished = true;
        const parent = this.parent ?? (this === root ? undefined : root);
        return parent === undefined ? undefined : { next: parent, args: [step.value] };
      }
      return { next: step.value.to, args: step.value.args };
    } finally {
      current = previous;
    }
  }
}

export function getcurrent(): Greenlet | undefined {
  return current;
}

/** Runs `main` as the root greenlet and every switch it leads to, until main returns. */
export function runGreenlets(main: GreenletBody): void {
  const main_ = new Greenlet(main);
  root = main_;
  try {
    let turn: { next: Greenlet; args: unknown[] } | undefined = { next: main_, args: [] };
    while (turn !== undefined && !main_.dead) turn = turn.next.resume(turn.args);
  } finally {
    root = undefined;
  }
}

import fc from 'fast-check';
import {
  actorRunInterval,
  checkActorsOverlapping,
  checkActorsSerial,
  checkOverlapping,
  checkSerial,
  findOverlaps,
  happenedBefore,
  markIntervals,
  operationIntervals,
  pairOperations,
  type Interval,
} from '../../harness/checkers';
import { call, history, mark } from './history-builder';

const opsOf = (events: ReturnType<typeof history>) => pairOperations(events).operations;

describe('happenedBefore', () => {
  const [a, b, c] = opsOf(history(call('A', 'put', 0, 5, { target: 'q' }), call('B', 'get', 6, 9, { target: 'q' }), call('C', 'get', 9, 12, { target: 'q' })));
  it('orders an operation that returned before another was invoked', () => {
    expect(happenedBefore(a!, b!)).toBe(true);
    expect(happenedBefore(b!, a!)).toBe(false);
  });
  it('does not order equal stamps: a coarse clock proves nothing', () => {
    expect(happenedBefore(b!, c!)).toBe(false);
    expect(happenedBefore(c!, b!)).toBe(false);
  });
  it('never orders after an operation that did not return', () => {
    const [p, q] = opsOf(history(call('A', 'get', 0, null, { target: 'q' }), call('B', 'put', 100, 101, { target: 'q' })));
    expect(happenedBefore(p!, q!)).toBe(false);
  });
});

describe('interval derivation', () => {
  it('builds mark intervals from the enter return to the exit invoke, open ones to the end', () => {
    const ops = opsOf(history(mark('A', 'enter', 1), mark('A', 'exit', 4), mark('B', 'exit', 2), mark('B', 'enter', 5)));
    expect(markIntervals(ops)).toEqual([
      { actor: 'A', label: 'enter…exit', start: 1, end: 4 },
      { actor: 'B', label: 'enter…exit', start: 5, end: Infinity },
    ]);
  });

  it('builds operation and actor-run intervals', () => {
    const ops = opsOf(history(call('A', 'sleep', 0, 10, { args: { units: 1 } }), call('A', 'get', 10, null, { target: 'q' }), call('B', 'sleep', 3, 4)));
    expect(operationIntervals(ops, (o) => o.f === 'sleep').map((i) => [i.actor, i.start, i.end])).toEqual([
      ['A', 0, 10],
      ['B', 3, 4],
    ]);
    expect(actorRunInterval(ops, 'A')).toEqual({ actor: 'A', label: 'run', start: 0, end: Infinity });
    expect(actorRunInterval(ops, 'Z')).toBeUndefined();
  });
});

// The documents' two shapes: start-join-start-join runs the workers one after another,
// start-all-then-join-all runs them together.
const startJoinStartJoin = history(
  call('main', 'start', 0, 1, { target: 'A' }),
  call('A', 'sleep', 1, 21, { args: { units: 2 } }),
  call('main', 'join', 1, 22, { target: 'A' }),
  call('main', 'start', 22, 23, { target: 'B' }),
  call('B', 'sleep', 23, 43, { args: { units: 2 } }),
  call('main', 'join', 23, 44, { target: 'B' }),
);
const startAllJoinAll = history(
  call('main', 'start', 0, 1, { target: 'A' }),
  call('A', 'sleep', 1, 21, { args: { units: 2 } }),
  call('main', 'start', 1, 2, { target: 'B' }),
  call('B', 'sleep', 2, 22, { args: { units: 2 } }),
  call('main', 'join', 2, 21.5, { target: 'A' }),
  call('main', 'join', 21.5, 22.5, { target: 'B' }),
);

describe('serial vs overlapping runs', () => {
  it('start-join-start-join is serial', () => {
    const j = checkActorsSerial(startJoinStartJoin, ['A', 'B']);
    expect(j).toMatchObject({ ok: true, message: 'runs of A, B were serial: A run 1ms–21ms; B run 23ms–43ms' });
    expect(checkActorsOverlapping(startJoinStartJoin, ['A', 'B']).ok).toBe(false);
  });

  it('start all then join all overlaps', () => {
    expect(checkActorsOverlapping(startAllJoinAll, ['A', 'B'])).toMatchObject({
      ok: true,
      message: 'all 2 runs of A, B were open at once, from 2ms to 21ms',
    });
    const serial = checkActorsSerial(startAllJoinAll, ['A', 'B']);
    expect(serial.ok).toBe(false);
    expect(serial.message).toBe('runs of A, B overlapped, expected serial: A run 1ms–21ms overlaps B run 2ms–22ms');
    expect(serial.evidence).toEqual({
      overlapping: [[{ actor: 'A', label: 'run', start: 1, end: 21 }, { actor: 'B', label: 'run', start: 2, end: 22 }]],
    });
  });

  it('fails for an actor that recorded nothing', () => {
    expect(checkActorsSerial(startJoinStartJoin, ['A', 'C'])).toMatchObject({ ok: false, message: 'no events recorded for C' });
  });

  it("'all' needs one common moment, 'any' only one overlapping pair", () => {
    const chain: Interval[] = [
      { actor: 'A', label: 'x', start: 0, end: 10 },
      { actor: 'B', label: 'x', start: 5, end: 15 },
      { actor: 'C', label: 'x', start: 12, end: 20 },
    ];
    expect(checkOverlapping(chain, 'any').ok).toBe(true);
    const all = checkOverlapping(chain, 'all');
    expect(all.ok).toBe(false);
    expect(all.message).toBe('intervals were not all open at once: A x 0ms–10ms ended before C x 12ms–20ms began');
  });

  it('touching intervals are not overlapping', () => {
    const touching: Interval[] = [
      { actor: 'A', label: 'x', start: 0, end: 10 },
      { actor: 'B', label: 'x', start: 10, end: 20 },
    ];
    expect(checkSerial(touching).ok).toBe(true);
    expect(checkOverlapping(touching, 'any').ok).toBe(false);
  });
});

/** Disjoint intervals laid end to end with random gaps and lengths, by random actors. */
const serialIntervals = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 20 })), { minLength: 2, maxLength: 12 })
  .map((specs) => {
    let t = 0;
    return specs.map(([actor, gap, length]): Interval => {
      const start = t + gap;
      t = start + length;
      return { actor: `T${actor}`, label: 'x', start, end: t };
    });
  });

describe('serial intervals (property)', () => {
  it('intervals laid end to end are always serial', () => {
    fc.assert(fc.property(serialIntervals, (xs) => checkSerial(xs).ok && findOverlaps(xs).length === 0));
  });

  it('stretching any interval past the start of the next always breaks seriality', () => {
    fc.assert(
      fc.property(serialIntervals, fc.nat(), fc.integer({ min: 1, max: 5 }), (xs, pick, into) => {
        const i = pick % (xs.length - 1);
        const stretched = xs.map((x, k) => (k === i ? { ...x, end: xs[i + 1]!.start + into } : x));
        const j = checkSerial(stretched);
        return !j.ok && j.message.includes(`${xs[i]!.actor} x ${xs[i]!.start}ms`);
      }),
    );
  });
});

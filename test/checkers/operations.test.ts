import fc from 'fast-check';
import type { HistoryEvent } from '../../harness/scenario/history';
import { checkWellFormed, judgeOperations, pairOperations } from '../../harness/checkers';

describe('pairOperations', () => {
  it('pairs invokes with completions and keeps cut operations pending', () => {
    const events: HistoryEvent[] = [
      { type: 'invoke', actor: 'A', f: 'acquire', target: 'L', time: 0, path: [0] },
      { type: 'invoke', actor: 'B', f: 'acquire', target: 'L', time: 0.5, path: [0] },
      { type: 'ok', actor: 'A', f: 'acquire', target: 'L', value: true, time: 1, path: [0] },
      { type: 'invoke', actor: 'A', f: 'get', target: 'q', time: 2, path: [1] },
      { type: 'fail', actor: 'A', f: 'get', target: 'q', error: 'Empty', message: 'queue empty', time: 3, path: [1] },
      { type: 'invoke', actor: 'A', f: 'sleep', args: { units: 5 }, time: 4, path: [2] },
      { type: 'info', actor: 'A', f: 'sleep', message: 'deadline', time: 50, path: [2] },
    ];
    const { operations, problems } = pairOperations(events);
    expect(problems).toEqual([]);
    expect(operations).toEqual([
      { actor: 'A', f: 'acquire', target: 'L', path: [0], invokeTime: 0, returnTime: 1, outcome: 'ok', value: true },
      { actor: 'B', f: 'acquire', target: 'L', path: [0], invokeTime: 0.5, outcome: 'pending' },
      { actor: 'A', f: 'get', target: 'q', path: [1], invokeTime: 2, returnTime: 3, outcome: 'fail', error: 'Empty', message: 'queue empty' },
      { actor: 'A', f: 'sleep', args: { units: 5 }, path: [2], invokeTime: 4, outcome: 'info', message: 'deadline' },
    ]);
    expect(checkWellFormed(events)).toMatchObject({ ok: true, message: 'well-formed history: 4 operations, 1 never completed' });
  });

  it('reports a completion without an invoke', () => {
    const events: HistoryEvent[] = [{ type: 'ok', actor: 'B', f: 'release', target: 'L', time: 3, path: [1] }];
    const j = checkWellFormed(events);
    expect(j.ok).toBe(false);
    expect(j.message).toBe("malformed history: event #0: B's ok release at 3ms completes nothing: B had no operation in flight");
    expect(j.evidence).toEqual({ malformed: [expect.objectContaining({ kind: 'completion-without-invoke', actor: 'B', index: 0 })] });
  });

  it('reports two invokes outstanding from one actor', () => {
    const events: HistoryEvent[] = [
      { type: 'invoke', actor: 'A', f: 'acquire', target: 'L', time: 0, path: [0] },
      { type: 'invoke', actor: 'A', f: 'release', target: 'L', time: 2, path: [1] },
      { type: 'ok', actor: 'A', f: 'release', target: 'L', time: 3, path: [1] },
    ];
    const { operations, problems } = pairOperations(events);
    expect(problems.map((p) => p.kind)).toEqual(['overlapping-invokes']);
    expect(problems[0]!.message).toContain('A invoked release at 2ms while its acquire invoked at 0ms had not completed');
    // The abandoned invoke stays pending; the new one pairs normally.
    expect(operations.map((o) => o.outcome)).toEqual(['pending', 'ok']);
  });

  it('reports time going backwards within an actor', () => {
    const events: HistoryEvent[] = [
      { type: 'invoke', actor: 'A', f: 'sleep', time: 10, path: [0] },
      { type: 'ok', actor: 'A', f: 'sleep', time: 8, path: [0] },
    ];
    const j = checkWellFormed(events);
    expect(j.ok).toBe(false);
    expect(j.message).toContain("A's ok sleep is stamped 8ms, before its previous event at 10ms");
  });

  it('reports a completion that does not match its invoke', () => {
    const events: HistoryEvent[] = [
      { type: 'invoke', actor: 'A', f: 'acquire', target: 'L', time: 0, path: [0] },
      { type: 'ok', actor: 'A', f: 'release', target: 'L', time: 1, path: [0] },
    ];
    expect(pairOperations(events).problems.map((p) => p.kind)).toEqual(['completion-mismatch']);
  });

  it('reports events that are not events', () => {
    const events = [{ type: 'begin', actor: 'A', f: 'x', time: 0, path: [] }] as unknown as HistoryEvent[];
    expect(pairOperations(events).problems.map((p) => p.kind)).toEqual(['bad-event']);
  });

  it('lets judgeOperations refuse a malformed history without calling the judge', () => {
    const judge = jest.fn(() => ({ ok: true, message: 'fine' }));
    const j = judgeOperations([{ type: 'fail', actor: 'C', f: 'get', time: 1, path: [0] }], judge);
    expect(j.ok).toBe(false);
    expect(judge).not.toHaveBeenCalled();
  });

  it('pairs any well-formed interleaving of sequential actors without problems', () => {
    const actorProgram = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { maxLength: 8 });
    fc.assert(
      fc.property(fc.array(actorProgram, { minLength: 1, maxLength: 4 }), fc.boolean(), (programs, cutLast) => {
        const events: HistoryEvent[] = [];
        programs.forEach((ops, a) => {
          let t = 0;
          ops.forEach(([gap, length], i) => {
            t += gap;
            events.push({ type: 'invoke', actor: `T${a}`, f: 'sleep', time: t, path: [i] });
            t += length;
            if (!(cutLast && i === ops.length - 1)) events.push({ type: 'ok', actor: `T${a}`, f: 'sleep', time: t, path: [i] });
          });
        });
        // Merged by time, as a recorder would; per-actor order survives the stable sort.
        events.sort((x, y) => x.time - y.time);
        const { operations, problems } = pairOperations(events);
        expect(problems).toEqual([]);
        expect(operations).toHaveLength(programs.reduce((n, p) => n + p.length, 0));
        expect(operations.filter((o) => o.outcome === 'pending')).toHaveLength(cutLast ? programs.filter((p) => p.length > 0).length : 0);
      }),
    );
  });
});

import type { HistoryEvent } from '../../harness/scenario/history';
import type { Scenario } from '../../harness/scenario/model';
import type { ScenarioResult } from '../../harness/scenario/result';
import { buildTimeline, MAX_LANES, MAX_OPS, representativeRun } from '../../harness/runner/timeline';

function scenario(actors: number): Scenario {
  return { version: 1, name: 's', timeUnitMs: 1, deadlineMs: 1000, objects: {}, actors: Array.from({ length: actors }, (_, i) => ({ name: `t${i}`, kind: 'thread' as const, ops: [] })) };
}

function run(history: HistoryEvent[], extra: Partial<ScenarioResult> = {}): ScenarioResult {
  return { status: 'completed', history, final: { cells: {} }, durationMs: 50, unfinished: [], ...extra };
}

/** `count` acquire/ok pairs of each actor, one time unit apart. */
function pairs(actors: number, count: number): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (let k = 0; k < count; k++) {
    for (let a = 0; a < actors; a++) {
      events.push({ type: 'invoke', actor: `t${a}`, f: 'acquire', target: 'l', time: k * 2, path: [k] });
      events.push({ type: 'ok', actor: `t${a}`, f: 'acquire', target: 'l', value: true, time: k * 2 + 1, path: [k] });
    }
  }
  return events;
}

describe('timelines', () => {
  it('turns a history into lanes and intervals, with failures and never-completed operations', () => {
    const history: HistoryEvent[] = [
      { type: 'invoke', actor: 't1', f: 'get', target: 'q', time: 0.123, path: [0] },
      { type: 'invoke', actor: 't0', f: 'put', target: 'q', args: { item: 'x' }, time: 0.5, path: [0] },
      { type: 'fail', actor: 't0', f: 'put', target: 'q', error: 'Full', message: 'queue full', time: 2.25, path: [0] },
      { type: 'info', actor: 't1', f: 'get', target: 'q', message: 'still blocked at the deadline', time: 9, path: [0] },
      { type: 'invoke', actor: 't0', f: 'mark', args: { label: 'done', value: 'a'.repeat(100) }, time: 3, path: [1] },
      { type: 'ok', actor: 't0', f: 'mark', value: 'a'.repeat(100), time: 3, path: [1] },
      { type: 'invoke', actor: 't0', f: 'sleep', time: 4, path: [2] },
    ];
    const t = buildTimeline(scenario(2), run(history, { status: 'deadline', durationMs: 9.004 }), 1, 3);
    expect(t).toMatchObject({ scenario: 's', run: 2, runs: 3, status: 'deadline', durationMs: 9, actors: ['t0', 't1'], actorsCut: 0, opsCut: 0 });
    expect(t.ops).toEqual([
      { actor: 1, f: 'get', target: 'q', start: 0.12, outcome: 'info', detail: 'still blocked at the deadline' },
      { actor: 0, f: 'put', target: 'q', start: 0.5, end: 2.25, outcome: 'fail', detail: 'Full: queue full' },
      { actor: 0, f: 'mark', start: 3, end: 3, outcome: 'ok', detail: `"${'a'.repeat(46)}…` },
      { actor: 0, f: 'sleep', start: 4, outcome: 'pending', detail: 'never completed' },
    ]);
  });

  it('caps lanes and operations, keeping the troubled ones', () => {
    const history = pairs(40, 10);
    // Actor t39 (the last lane) has one failure: it must be drawn although it is over the lane cap.
    history.push({ type: 'invoke', actor: 't39', f: 'release', target: 'l', time: 100, path: [10] }, { type: 'fail', actor: 't39', f: 'release', target: 'l', error: 'RuntimeError', time: 101, path: [10] });
    const t = buildTimeline(scenario(40), run(history), 0, 1);
    expect(t.actors).toHaveLength(MAX_LANES);
    expect(t.actorsCut).toBe(40 - MAX_LANES);
    expect(t.actors).toContain('t39');
    expect(t.ops).toHaveLength(MAX_OPS);
    expect(t.opsCut).toBe(MAX_LANES * 10 + 1 - MAX_OPS);
    expect(t.ops.some((op) => op.outcome === 'fail' && t.actors[op.actor] === 't39')).toBe(true);
    expect(t.ops.map((op) => op.start)).toEqual([...t.ops.map((op) => op.start)].sort((a, b) => a - b));
  });

  it('draws the run that says most: unfinished first, then the rarest grade', () => {
    const done = run([]);
    const hung = run([], { status: 'deadline' });
    expect(representativeRun([done, hung, done])).toBe(1);
    expect(representativeRun([done, done])).toBe(0);
    const withValue = (x: number) => run([], { final: { cells: { x } } });
    const grading = { key: (r: ScenarioResult) => String(r.final.cells['x']), grade: (k: string) => (k === '2' ? ('acceptable' as const) : k === '1' ? ('interesting' as const) : ('forbidden' as const)) };
    expect(representativeRun([withValue(2), withValue(1), withValue(2)], grading)).toBe(1);
    expect(representativeRun([withValue(2), withValue(1), withValue(7)], grading)).toBe(2);
    expect(representativeRun([withValue(2), withValue(2)], grading)).toBe(0);
  });
});

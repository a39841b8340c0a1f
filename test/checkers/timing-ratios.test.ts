import { checkRatio, ratioMeasurement, roundRatios, type TimedSample } from '../../harness/checkers/timing-ratios';

const sample = (strategy: string, round: number, ms: number, cpuMs?: number): TimedSample => ({ strategy, round, ms, ...(cpuMs === undefined ? {} : { cpuMs }) });

// Three rounds of serial vs processes, the second round disturbed by a load spike on processes.
const cpuRun = [sample('serial', 0, 400), sample('processes', 0, 220), sample('processes', 1, 600), sample('serial', 1, 400), sample('serial', 2, 500), sample('processes', 2, 300)];

describe('roundRatios', () => {
  it('takes the ratio within each round, in round order', () => {
    const r = roundRatios(cpuRun, 'processes', 'serial')!;
    expect(r.perRound).toEqual([0.55, 1.5, 0.6]);
    expect(r.median).toBe(0.6);
    expect(r.best).toBe(0.55);
    expect(r.worst).toBe(1.5);
    expect(r.name).toBe('processes / serial');
  });

  it('skips rounds that lack either strategy, and gives undefined when none has both', () => {
    expect(roundRatios([sample('a', 0, 10), sample('b', 0, 5), sample('a', 1, 10)], 'a', 'b')!.perRound).toEqual([2]);
    expect(roundRatios([sample('a', 0, 10)], 'a', 'b')).toBeUndefined();
  });

  it('reads CPU time when asked, and treats a zero denominator as 0.01 ms', () => {
    const r = roundRatios([sample('processes', 0, 900, 240), sample('threads', 0, 20, 0)], 'processes', 'threads', 'cpuMs')!;
    expect(r.perRound).toEqual([24000]);
  });

  it('averages the middle two of an even number of rounds', () => {
    expect(roundRatios([sample('a', 0, 1), sample('b', 0, 1), sample('a', 1, 3), sample('b', 1, 1)], 'a', 'b')!.median).toBe(2);
  });
});

describe('checkRatio', () => {
  it('passes a best-round bound that one disturbed round does not spoil', () => {
    const j = checkRatio(cpuRun, { numerator: 'processes', denominator: 'serial', reading: 'best', atMost: 0.8 });
    expect(j.ok).toBe(true);
    expect(j.message).toBe('best elapsed-time ratio processes / serial ≤ 0.8: 0.55 (rounds: 0.55, 1.50, 0.60)');
    expect(j.evidence).toEqual({ ratio: 'processes / serial', metric: 'ms', perRound: [0.55, 1.5, 0.6], median: 0.6, best: 0.55 });
  });

  it('fails a median bound, with the hint', () => {
    const j = checkRatio(cpuRun, { numerator: 'processes', denominator: 'serial', reading: 'median', atMost: 0.5, hint: 'no free core?' });
    expect(j.ok).toBe(false);
    expect(j.message).toBe('expected the median elapsed-time ratio processes / serial ≤ 0.5, got 0.60 (rounds: 0.55, 1.50, 0.60); no free core?');
  });

  it('judges both ends of a band', () => {
    const run = [sample('one-core', 0, 210), sample('all', 0, 200), sample('one-core', 1, 420), sample('all', 1, 200), sample('one-core', 2, 400), sample('all', 2, 200)];
    expect(checkRatio(run, { numerator: 'one-core', denominator: 'all', reading: 'median', atLeast: 0.67, atMost: 1.5 }).ok).toBe(false);
    expect(checkRatio(run.slice(0, 2), { numerator: 'one-core', denominator: 'all', reading: 'median', atLeast: 0.67, atMost: 1.5 }).ok).toBe(true);
    expect(checkRatio(run.slice(0, 2), { numerator: 'one-core', denominator: 'all', reading: 'median', atLeast: 1.1 }).ok).toBe(false);
  });

  it('fails when no round timed both strategies', () => {
    const j = checkRatio([sample('threads', 0, 5)], { numerator: 'processes', denominator: 'threads', metric: 'cpuMs', reading: 'median', atLeast: 1.5 });
    expect(j).toEqual({ ok: false, message: 'median CPU-time ratio processes / threads ≥ 1.5: no round timed both processes and threads' });
  });
});

describe('ratioMeasurement', () => {
  it('charts the median with the best and worst rounds as its range', () => {
    expect(ratioMeasurement(roundRatios(cpuRun, 'processes', 'serial')!, 'CPython')).toEqual({
      name: 'processes / serial (elapsed time)',
      unit: 'ratio',
      values: [{ label: 'CPython', value: 0.6, min: 0.55, max: 1.5 }],
    });
  });
});

/** The pure parts of the benchmark: statistics, settings, parsing the baseline, the report and its doc. */
import { buildReport, figureOf } from '../../bench/bench-report';
import { FIGURE_IDS, type FigureSamples } from '../../bench/figures';
import type { MachineDescription } from '../../bench/machine';
import { formatRate, formatRatio, renderPerformanceDoc } from '../../bench/performance-doc';
import { parsePythonBaseline, type PythonBaseline } from '../../bench/python-baseline';
import { DEFAULT_SETTINGS, parseSettings } from '../../bench/settings';
import { ratio, summarize } from '../../bench/statistics';

describe('summarize', () => {
  test('odd count: the middle value, with min and max, samples kept in run order', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, samples: [5, 1, 3] });
  });

  test('even count: the mean of the two middle values', () => {
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
  });

  test('rejects no samples and non-finite samples', () => {
    expect(() => summarize([])).toThrow(RangeError);
    expect(() => summarize([1, NaN])).toThrow(RangeError);
    expect(() => summarize([Infinity])).toThrow(RangeError);
  });

  test('ratio is reference median over CPython median, null when CPython is 0', () => {
    expect(ratio(summarize([6]), summarize([2]))).toBe(3);
    expect(ratio(summarize([6]), summarize([0]))).toBeNull();
  });
});

describe('parseSettings', () => {
  test('defaults, and flags override them', () => {
    expect(parseSettings([])).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(['--duration-ms', '50', '--repetitions', '1', '--warmup', '0', '--items', '10'])).toEqual({
      ...DEFAULT_SETTINGS,
      durationMs: 50,
      repetitions: 1,
      warmupRounds: 0,
      queueItems: 10,
    });
  });

  test('rejects unknown flags, non-integers and out-of-range values', () => {
    expect(() => parseSettings(['--fast'])).toThrow(/unknown option --fast/);
    expect(() => parseSettings(['--items', 'many'])).toThrow(/needs an integer/);
    expect(() => parseSettings(['--repetitions', '0'])).toThrow(/repetitions must be a positive integer/);
    expect(() => parseSettings(['--warmup', '-1'])).toThrow(/warmupRounds/);
  });
});

function samples(value: number): FigureSamples {
  return Object.fromEntries(FIGURE_IDS.map((id) => [id, [value, value * 2, value * 3]])) as FigureSamples;
}

const baselineJson = {
  python_version: '3.11.7',
  implementation: 'CPython',
  switch_interval_s: 0.005,
  samples: samples(100),
};

describe('parsePythonBaseline', () => {
  test('accepts the documented shape', () => {
    const parsed = parsePythonBaseline(JSON.stringify(baselineJson));
    expect(parsed).toEqual({ pythonVersion: '3.11.7', implementation: 'CPython', switchIntervalSeconds: 0.005, samples: samples(100) });
  });

  test('rejects missing figures, empty or non-numeric samples, and non-JSON', () => {
    const without = { ...baselineJson, samples: { ...baselineJson.samples } } as Record<string, unknown>;
    delete (without.samples as Record<string, unknown>)['queue.unbounded.items'];
    expect(() => parsePythonBaseline(JSON.stringify(without))).toThrow(/queue\.unbounded\.items/);
    const empty = { ...baselineJson, samples: { ...baselineJson.samples, 'lock.uncontended.pairs': [] } };
    expect(() => parsePythonBaseline(JSON.stringify(empty))).toThrow(/lock\.uncontended\.pairs/);
    const text = { ...baselineJson, samples: { ...baselineJson.samples, 'lock.uncontended.pairs': ['fast'] } };
    expect(() => parsePythonBaseline(JSON.stringify(text))).toThrow(/lock\.uncontended\.pairs/);
    expect(() => parsePythonBaseline(JSON.stringify({ samples: samples(1) }))).toThrow(/python_version/);
    expect(() => parsePythonBaseline('Traceback (most recent call last):')).toThrow(SyntaxError);
  });
});

describe('report and PERFORMANCE.md', () => {
  const machine: MachineDescription = {
    node: 'v20.0.0',
    python: '3.11.7',
    pythonImplementation: 'CPython',
    cores: 2,
    cpuModel: 'Test CPU',
    platform: 'Linux 6.0',
    arch: 'x64',
  };
  const baseline: PythonBaseline = parsePythonBaseline(JSON.stringify(baselineJson));
  const reference = { ...samples(100), 'lock.uncontended.pairs': [400, 800, 1200], 'queue.unbounded.items': [25, 50, 75] };
  const report = buildReport({ ...DEFAULT_SETTINGS, repetitions: 3 }, machine, reference, baseline, new Date('2025-01-02T03:04:05Z'));

  test('each figure carries both summaries and their ratio', () => {
    expect(report.figures.map((f) => f.id)).toEqual([...FIGURE_IDS]);
    const uncontended = figureOf(report, 'lock.uncontended.pairs');
    expect(uncontended.reference.median).toBe(800);
    expect(uncontended.cpython).toEqual({ median: 200, min: 100, max: 300, samples: [100, 200, 300] });
    expect(uncontended.ratio).toBe(4);
    expect(figureOf(report, 'queue.unbounded.items').ratio).toBe(0.25);
  });

  test('the doc has the machine, the date, a row per figure and the computed directions', () => {
    const doc = renderPerformanceDoc(report);
    expect(doc).toContain('2025-01-02T03:04:05.000Z');
    expect(doc).toContain('Node v20.0.0; CPython 3.11.7');
    expect(doc).toContain('2 cores available (Test CPU)');
    expect(doc).toContain('| Lock, 1 thread: acquire/release pairs (pairs/s) | 800 | 200 | 4.00× | reference 400–1.20 k; CPython 100–300 |');
    expect(doc).toContain('4.00× as fast as CPython for an uncontended lock');
    expect(doc).toContain('4.00× slower than (unbounded)');
    expect(doc).toContain('about as fast as (1.00×) CPython for a lock two threads fight over');
    expect(doc).toContain('No targets are asserted here');
  });

  test('number formatting', () => {
    expect(formatRate(5_240_000)).toBe('5.24 M');
    expect(formatRate(11_200_000)).toBe('11.2 M');
    expect(formatRate(105_300)).toBe('105 k');
    expect(formatRate(166.9)).toBe('167');
    expect(formatRatio(3.381)).toBe('3.38×');
    expect(formatRatio(null)).toBe('n/a');
  });
});

describe('checker timings in PERFORMANCE.md', () => {
  const machine: MachineDescription = { node: 'v20.0.0', python: '3.11.7', pythonImplementation: 'CPython', cores: 2, cpuModel: 'Test CPU', platform: 'Linux 6.0', arch: 'x64' };
  const baseline = parsePythonBaseline(JSON.stringify(baselineJson));
  const base = buildReport({ ...DEFAULT_SETTINGS, repetitions: 3 }, machine, samples(100), baseline, new Date('2025-01-02T03:04:05Z'));
  const timing = (median: number) => ({
    id: 'checker.linearizability.fifo-10k' as const,
    title: 'Linearizability, FIFO queue: 10,000 operations from 8 actors',
    operations: 10_000,
    actors: 8,
    verdict: 'linearizable',
    checkMs: summarize([median, median / 2, median * 2]),
    conversionMs: 42,
    targetMs: 1000,
  });

  test('a row per checker with its verdict, median and whether it meets the target', () => {
    const doc = renderPerformanceDoc({ ...base, checkers: [timing(300)] });
    expect(doc).toContain('## Checkers');
    expect(doc).toContain('| Linearizability, FIFO queue: 10,000 operations from 8 actors | linearizable | 300 ms | 150 ms–600 ms | met (under 1000 ms) | 42.0 ms |');
    expect(renderPerformanceDoc({ ...base, checkers: [timing(1500)] })).toContain('NOT met (under 1000 ms)');
  });

  test('reports without checker timings have no checker section', () => {
    expect(renderPerformanceDoc(base)).not.toContain('## Checkers');
  });
});

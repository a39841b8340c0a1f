/** The pure parts of the benchmark: statistics, settings, parsing the baseline, the report and its doc. */
import { buildReport, figureOf, meetsTarget } from '../../bench/bench-report';
import { CPYTHON_FIGURE_IDS, FIGURE_IDS, FIGURES, type CpythonSamples, type FigureSamples, type NodeBaselineSamples } from '../../bench/figures';
import type { MachineDescription } from '../../bench/machine';
import { formatRate, formatRatio, renderPerformanceDoc, shortfall } from '../../bench/performance-doc';
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

function samplesOf(ids: readonly string[], value: number): Record<string, number[]> {
  return Object.fromEntries(ids.map((id) => [id, [value, value * 2, value * 3]]));
}
const samples = (value: number) => samplesOf(CPYTHON_FIGURE_IDS, value) as CpythonSamples;
const nodeIds = FIGURES.filter((f) => f.source === 'node').map((f) => f.id);

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
  const reference = {
    ...(samplesOf(FIGURE_IDS, 100) as FigureSamples),
    'lock.uncontended.pairs': [400, 800, 1200],
    'queue.unbounded.items': [25, 50, 75],
    'framing.decode-64k.bytes': [2e9, 2e9, 2e9],
    'pool.tiny-tasks': [50, 100, 150],
  };
  const nodeBaselines = samplesOf(nodeIds, 200) as NodeBaselineSamples;
  const load = { start: 0.5, end: 3.5 };
  const report = buildReport({ ...DEFAULT_SETTINGS, repetitions: 3 }, machine, reference, nodeBaselines, baseline, load, new Date('2025-01-02T03:04:05Z'));

  test('each figure carries both summaries and their ratio', () => {
    expect(report.figures.map((f) => f.id)).toEqual([...FIGURE_IDS]);
    const uncontended = figureOf(report, 'lock.uncontended.pairs');
    expect(uncontended.reference.median).toBe(800);
    expect(uncontended.baseline).toEqual({ median: 200, min: 100, max: 300, samples: [100, 200, 300] });
    expect(uncontended.ratio).toBe(4);
    expect(uncontended.met).toBe(false); // target 5x
    expect(figureOf(report, 'queue.unbounded.items').ratio).toBe(0.25);
    // Node-side baselines come from the Node samples, not from CPython's.
    expect(figureOf(report, 'pool.tiny-tasks').baseline.median).toBe(400);
    expect(figureOf(report, 'pool.tiny-tasks').ratio).toBe(0.25);
    expect(figureOf(report, 'framing.decode-64k.bytes').met).toBe(true); // absolute 1 GB/s
    expect(figureOf(report, 'lock.contended.owner-changes').met).toBeNull();
  });

  test('targets: ratio bounds (from above for lower-is-better) and absolute reference rates', () => {
    expect(meetsTarget(null, 1, 1)).toBeNull();
    expect(meetsTarget({ ratio: 2 }, 1, 2)).toBe(true);
    expect(meetsTarget({ ratio: 2 }, 1, 1.9)).toBe(false);
    expect(meetsTarget({ ratio: 2 }, 1, null)).toBe(false);
    expect(meetsTarget({ ratio: 2 }, 1, 1.5, true)).toBe(true);
    expect(meetsTarget({ reference: 1e6 }, 9e5, 10)).toBe(false);
    expect(meetsTarget({ reference: 1e6, ratio: 1 }, 2e6, 0.5)).toBe(false);
  });

  test('a missed target says by how much', () => {
    expect(shortfall(figureOf(report, 'pool.tiny-tasks'))).toBe('0.25× is 3.20× short of 0.80×');
    expect(shortfall(figureOf(report, 'framing.decode-16b.messages'))).toBe('200 messages/s is 100% below 1.00 M messages/s');
  });

  test('the doc has the machine, the date, a row per figure and the computed directions', () => {
    const doc = renderPerformanceDoc(report);
    expect(doc).toContain('2025-01-02T03:04:05.000Z');
    expect(doc).toContain('Node v20.0.0; CPython 3.11.7');
    expect(doc).toContain('2 cores available (Test CPU)');
    expect(doc).toContain('| Lock, 1 thread: acquire/release pairs (pairs/s) | 800 | 200 (CPython threading.Lock, 1 thread) | 4.00× | ≥ 5.00× | **missed** | reference 400–1.20 k; baseline 100–300 |');
    expect(doc).toContain('The machine was shared: 1-minute load average 0.5 at the start and 3.5 at the end');
    expect(doc).toMatch(/- \*\*Pool\(2\)\.apply_async of a tiny task, many in flight\*\*: 0\.25× is 3\.20× short of 0\.80×\. The reference Pool uses worker processes/);
    expect(doc).toContain('4.00× as fast as CPython for an uncontended lock');
    expect(doc).toContain('4.00× slower than (unbounded)');
    expect(doc).toContain('about as fast as (1.00×) CPython for a lock two threads fight over');
  });

  test('number formatting', () => {
    expect(formatRate(5_240_000)).toBe('5.24 M');
    expect(formatRate(11_200_000)).toBe('11.2 M');
    expect(formatRate(105_300)).toBe('105 k');
    expect(formatRate(166.9)).toBe('167');
    expect(formatRate(1.5e9)).toBe('1.50 G');
    expect(formatRatio(3.381)).toBe('3.38×');
    expect(formatRatio(null)).toBe('n/a');
  });
});

describe('checker timings in PERFORMANCE.md', () => {
  const machine: MachineDescription = { node: 'v20.0.0', python: '3.11.7', pythonImplementation: 'CPython', cores: 2, cpuModel: 'Test CPU', platform: 'Linux 6.0', arch: 'x64' };
  const baseline = parsePythonBaseline(JSON.stringify(baselineJson));
  const base = buildReport({ ...DEFAULT_SETTINGS, repetitions: 3 }, machine, samplesOf(FIGURE_IDS, 100) as FigureSamples, samplesOf(nodeIds, 200) as NodeBaselineSamples, baseline, { start: 0.5, end: 0.5 }, new Date('2025-01-02T03:04:05Z'));
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

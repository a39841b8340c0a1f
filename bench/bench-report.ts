/** The outcome of one benchmark run: what reports/bench.json holds and PERFORMANCE.md shows. */
import { FIGURES, type FigureId, type FigureSamples, type FigureTarget, type NodeBaselineSamples } from './figures';
import type { MachineDescription } from './machine';
import type { PythonBaseline } from './python-baseline';
import type { BenchSettings } from './settings';
import type { HttpServerFigure } from './http-servers';
import type { CheckerTiming } from './checker-timing';
import { ratio, summarize, type Summary } from './statistics';

export interface FigureResult {
  id: FigureId;
  title: string;
  unit: string;
  /** What the reference was compared with. */
  baselineName: string;
  lowerIsBetter: boolean;
  reference: Summary;
  baseline: Summary;
  /** reference median / baseline median; > 1 means the reference is faster (for rates). */
  ratio: number | null;
  target: FigureTarget | null;
  /** Whether the medians meet the target; null when the figure has none. */
  met: boolean | null;
}

export interface BenchReport {
  /** ISO 8601, when the run finished. */
  date: string;
  machine: MachineDescription;
  settings: BenchSettings;
  /** CPython's GIL switch interval in seconds, which shapes its contended-lock figures. */
  pythonSwitchIntervalSeconds: number;
  /** 1-minute load average at the start and end of the run: other work on the machine. */
  loadAverage: { start: number; end: number };
  figures: FigureResult[];
  /** Issue 10's server figure (bench/http-servers.ts), when it was measured. */
  httpServers?: HttpServerFigure;
  /** Timings of the harness's own checkers (no CPython counterpart); absent in older reports. */
  checkers?: CheckerTiming[];
}

export function meetsTarget(target: FigureTarget | null, referenceMedian: number, r: number | null, lowerIsBetter = false): boolean | null {
  if (target === null) return null;
  if (target.reference !== undefined && referenceMedian < target.reference) return false;
  if (target.ratio !== undefined) {
    if (r === null) return false;
    return lowerIsBetter ? r <= target.ratio : r >= target.ratio;
  }
  return true;
}

export function buildReport(
  settings: BenchSettings,
  machine: MachineDescription,
  reference: FigureSamples,
  nodeBaselines: NodeBaselineSamples,
  python: PythonBaseline,
  loadAverage: { start: number; end: number },
  date: Date = new Date(),
): BenchReport {
  const figures = FIGURES.map((figure): FigureResult => {
    const referenceSummary = summarize(reference[figure.id]);
    const baselineSummary = summarize(figure.source === 'cpython' ? python.samples[figure.id] : nodeBaselines[figure.id]);
    const r = ratio(referenceSummary, baselineSummary);
    const lowerIsBetter = 'lowerIsBetter' in figure && figure.lowerIsBetter === true;
    return {
      id: figure.id,
      title: figure.title,
      unit: figure.unit,
      baselineName: figure.baseline,
      lowerIsBetter,
      reference: referenceSummary,
      baseline: baselineSummary,
      ratio: r,
      target: figure.target,
      met: meetsTarget(figure.target, referenceSummary.median, r, lowerIsBetter),
    };
  });
  return {
    date: date.toISOString(),
    machine,
    settings,
    pythonSwitchIntervalSeconds: python.switchIntervalSeconds,
    loadAverage,
    figures,
  };
}

export function figureOf(report: BenchReport, id: FigureId): FigureResult {
  const figure = report.figures.find((f) => f.id === id);
  if (figure === undefined) throw new Error(`report has no figure ${id}`);
  return figure;
}

/** The outcome of one benchmark run: what reports/bench.json holds and PERFORMANCE.md shows. */
import { FIGURES, type FigureId, type FigureSamples } from './figures';
import type { MachineDescription } from './machine';
import type { PythonBaseline } from './python-baseline';
import type { BenchSettings } from './settings';
import type { CheckerTiming } from './checker-timing';
import { ratio, summarize, type Summary } from './statistics';

export interface FigureResult {
  id: FigureId;
  title: string;
  unit: string;
  reference: Summary;
  cpython: Summary;
  /** reference median / CPython median; > 1 means the reference is faster. */
  ratio: number | null;
}

export interface BenchReport {
  /** ISO 8601, when the run finished. */
  date: string;
  machine: MachineDescription;
  settings: BenchSettings;
  /** CPython's GIL switch interval in seconds, which shapes its contended-lock figures. */
  pythonSwitchIntervalSeconds: number;
  figures: FigureResult[];
  /** Timings of the harness's own checkers (no CPython counterpart); absent in older reports. */
  checkers?: CheckerTiming[];
}

export function buildReport(
  settings: BenchSettings,
  machine: MachineDescription,
  reference: FigureSamples,
  baseline: PythonBaseline,
  date: Date = new Date(),
): BenchReport {
  const figures = FIGURES.map((figure): FigureResult => {
    const referenceSummary = summarize(reference[figure.id]);
    const cpythonSummary = summarize(baseline.samples[figure.id]);
    return {
      id: figure.id,
      title: figure.title,
      unit: figure.unit,
      reference: referenceSummary,
      cpython: cpythonSummary,
      ratio: ratio(referenceSummary, cpythonSummary),
    };
  });
  return {
    date: date.toISOString(),
    machine,
    settings,
    pythonSwitchIntervalSeconds: baseline.switchIntervalSeconds,
    figures,
  };
}

export function figureOf(report: BenchReport, id: FigureId): FigureResult {
  const figure = report.figures.find((f) => f.id === id);
  if (figure === undefined) throw new Error(`report has no figure ${id}`);
  return figure;
}

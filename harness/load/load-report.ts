/**
 * What `npm run load` writes to reports/load.json: every sample, the load claims' judges over
 * the whole run (including the cross-server comparison a single server check cannot make), and
 * `figures` in the shape of reports/bench.json, so the HTML report charts them the same way
 * (`conform run --load`, harness/report/html/page-sections.ts).
 */
import type { Judgement } from '../../spec/claim';
import type { LoadSample } from './load-sample';

export interface LoadFigure {
  id: string;
  title: string;
  unit: string;
  /** One series per server and connection count: a single run, so median = min = max. */
  [series: string]: { median: number; min: number; max: number } | string;
}

export interface LoadReport {
  date: string;
  settings: { seconds: number; warmupSeconds: number; sleepMs: number; cpuIterations: number };
  samples: LoadSample[];
  verdicts: { name: string; ok: boolean; message: string }[];
  figures: LoadFigure[];
}

const WORK_TITLES: Record<string, string> = { sleep: 'I/O-bound handler (sleep)', cpu: 'CPU-bound handler', hello: 'no work (hello)' };

function figure(id: string, title: string, unit: string, samples: readonly LoadSample[], value: (s: LoadSample) => number): LoadFigure {
  const out: LoadFigure = { id, title, unit };
  for (const s of samples) {
    const v = value(s);
    out[`${s.server} c=${s.connections}`] = { median: v, min: v, max: v };
  }
  return out;
}

export function buildLoadReport(settings: LoadReport['settings'], samples: LoadSample[], verdicts: [string, Judgement][], date = new Date()): LoadReport {
  const works = [...new Set(samples.map((s) => s.work))];
  const figures = works.flatMap((work) => {
    const own = samples.filter((s) => s.work === work);
    return [
      figure(`${work}.throughput`, `Throughput, ${WORK_TITLES[work] ?? work}`, 'requests/s', own, (s) => s.requestsPerSecond),
      figure(`${work}.latency`, `Mean latency, ${WORK_TITLES[work] ?? work}`, 'ms', own, (s) => s.latencyMeanMs),
    ];
  });
  return {
    date: date.toISOString(),
    settings,
    samples,
    verdicts: verdicts.map(([name, j]) => ({ name, ok: j.ok, message: j.message })),
    figures,
  };
}

import { promises as fs } from 'node:fs';
import Ajv from 'ajv';

/**
 * The benchmark results `npm run bench` leaves in reports/bench.json, as far as the HTML report
 * charts them: per figure, a summary (median, min, max) for each implementation measured. The
 * file belongs to bench/, so it is read defensively: a missing or unexpected file is no chart,
 * never a failed report.
 */

export interface SeriesSummary {
  median: number;
  min: number;
  max: number;
}

export interface BenchFigure {
  id: string;
  title: string;
  unit: string;
  /** Every other property holding a summary, e.g. `reference` and `cpython`. */
  [series: string]: unknown;
}

export interface BenchResults {
  date: string;
  machine?: Record<string, unknown>;
  figures: BenchFigure[];
}

const SUMMARY = { type: 'object', required: ['median', 'min', 'max'], properties: { median: { type: 'number' }, min: { type: 'number' }, max: { type: 'number' } } } as const;

const validate = new Ajv().compile<BenchResults>({
  type: 'object',
  required: ['date', 'figures'],
  properties: {
    date: { type: 'string' },
    machine: { type: 'object' },
    figures: { type: 'array', items: { type: 'object', required: ['id', 'title', 'unit'], properties: { id: { type: 'string' }, title: { type: 'string' }, unit: { type: 'string' } } } },
  },
});

const validateSummary = new Ajv().compile<SeriesSummary>(SUMMARY);

/** The summaries of a figure, by series name, in file order. */
export function seriesOf(figure: BenchFigure): [string, SeriesSummary][] {
  return Object.entries(figure).flatMap(([name, value]) => (validateSummary(value) ? [[name, value] as [string, SeriesSummary]] : []));
}

/** The results, or why there are none to chart. */
export async function readBenchResults(file: string): Promise<{ results?: BenchResults; problem?: string }> {
  let data: unknown;
  try {
    data = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? {} : { problem: `${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!validate(data)) return { problem: `${file} is not a benchmark report: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ')}` };
  return { results: data };
}

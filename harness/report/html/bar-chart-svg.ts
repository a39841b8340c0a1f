import { html, type SafeHtml } from './html-template';

/**
 * A small horizontal bar chart as inline SVG, for benchmark figures and load measurements: one
 * bar per label, scaled from zero, with a min–max whisker when the spread is known.
 */

export interface Bar {
  label: string;
  value: number;
  min?: number;
  max?: number;
}

const COMPACT = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });
const EXACT = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

export function formatQuantity(value: number): string {
  return Math.abs(value) >= 1000 ? COMPACT.format(value) : EXACT.format(value);
}

const WIDTH = 560;
const LABEL = 120;
const VALUE = 90;
const ROW = 24;
const TOP = 24;

export function barChartSvg(title: string, unit: string, bars: readonly Bar[]): SafeHtml {
  const plot = WIDTH - LABEL - VALUE;
  const top = Math.max(1e-12, ...bars.map((b) => Math.max(b.value, b.max ?? b.value)));
  const x = (v: number) => LABEL + (Math.max(0, v) / top) * plot;
  const height = TOP + bars.length * ROW + 6;
  const rows = bars.map((bar, i) => {
    const y = TOP + i * ROW;
    const spread = bar.min !== undefined && bar.max !== undefined ? ` (min ${formatQuantity(bar.min)}, max ${formatQuantity(bar.max)})` : '';
    const whisker =
      bar.min !== undefined && bar.max !== undefined
        ? html`<line class="whisker" x1="${x(bar.min).toFixed(1)}" x2="${x(bar.max).toFixed(1)}" y1="${y + 9}" y2="${y + 9}"/><line class="whisker" x1="${x(bar.min).toFixed(1)}" x2="${x(bar.min).toFixed(1)}" y1="${y + 4}" y2="${y + 14}"/><line class="whisker" x1="${x(bar.max).toFixed(1)}" x2="${x(bar.max).toFixed(1)}" y1="${y + 4}" y2="${y + 14}"/>`
        : '';
    return html`<g class="bar bar-${i % 4}"><title>${bar.label}: ${EXACT.format(bar.value)} ${unit}${spread}</title><text class="label" x="${LABEL - 6}" y="${y + 13}">${bar.label}</text><rect x="${LABEL}" y="${y + 2}" width="${Math.max(1, x(bar.value) - LABEL).toFixed(1)}" height="14" rx="2"/>${whisker}<text class="value" x="${WIDTH - VALUE + 6}" y="${y + 13}">${formatQuantity(bar.value)}</text></g>`;
  });
  return html`<figure class="chart"><svg class="bar-chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${title}"><text class="chart-title" x="0" y="14">${title} (${unit})</text>${rows}</svg></figure>`;
}

import type { RunReport } from '../../runner/report-model';
import { runLabel } from '../report-file';
import { timeSpent } from '../slowest-claims';
import { formatMs } from '../summary-text';
import { html, type SafeHtml } from './html-template';

/** "Where the time went": per run, the wall-clock time, the claims' sum and the slowest claims. */
export function timeSection(runs: readonly RunReport[]): SafeHtml | undefined {
  const tables = runs.flatMap((run) => {
    const spent = timeSpent(run);
    const ran = spent.slowest.filter((c) => c.durationMs > 0);
    if (ran.length === 0) return [];
    const rows = ran.map((c) => html`<tr><th scope="row"><a href="#claim-${c.id}" class="claim-link" data-claim="${c.id}"><code>${c.id}</code></a></th><td>${c.verdict}</td><td class="num">${formatMs(c.durationMs)}</td><td class="num">${spent.claimsMs > 0 ? `${((100 * c.durationMs) / spent.claimsMs).toFixed(1)}%` : ''}</td></tr>`);
    return [
      html`<h3>${runLabel(run)}</h3><p class="note">${formatMs(spent.wallMs)} wall-clock, ${formatMs(spent.claimsMs)} in claims (more than the wall-clock when claims ran side by side); the ${ran.length} slowest claims took ${Math.round(spent.slowestShare * 100)}% of it.</p><table class="slowest"><thead><tr><th>Claim</th><th>Verdict</th><th>Time</th><th>Share</th></tr></thead><tbody>${rows}</tbody></table>`,
    ];
  });
  if (tables.length === 0) return undefined;
  return html`<details id="time" class="time-spent"><summary>Where the time went: the slowest claims</summary>${tables}</details>`;
}

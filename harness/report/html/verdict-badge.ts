import type { ClaimResult } from '../../runner/report-model';
import { verdictLabel } from '../summary-text';
import { html, type SafeHtml } from './html-template';

/** A verdict as a coloured badge, with the baseline's view of it (known, new, unexpected). */
const TITLE_LENGTH = 160;

/** `withTitle`: the message's first line as a tooltip (in the matrix, where the message is not shown). */
export function verdictBadge(claim: Pick<ClaimResult, 'verdict' | 'baseline' | 'message'> | undefined, withTitle = false): SafeHtml {
  if (claim === undefined) return html`<span class="v v-none" title="not in this run">–</span>`;
  const mark = claim.baseline;
  const tag =
    mark === undefined
      ? undefined
      : mark.status === 'expected'
        ? mark.expected.length > 1
          ? 'intermittent'
          : 'known'
        : mark.status === 'new-failure'
          ? 'new'
          : 'unexpected';
  const firstLine = claim.message.split('\n', 1)[0];
  const title = firstLine.length > TITLE_LENGTH ? `${firstLine.slice(0, TITLE_LENGTH - 1)}…` : firstLine;
  return html`<span class="v v-${claim.verdict}${mark === undefined ? '' : ` b-${mark.status}`}"${withTitle ? html` title="${title}"` : ''}>${verdictLabel(claim.verdict)}${tag === undefined ? undefined : html`<small>${tag}</small>`}</span>`;
}

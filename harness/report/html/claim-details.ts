import type { Json } from '../../scenario/model';
import { isFailure, type ClaimResult, type OutcomeHistogram, type RunReport, type Timeline } from '../../runner/report-model';
import { failsGate } from '../../gate/baseline-compare';
import { runLabel } from '../report-file';
import { barChartSvg } from './bar-chart-svg';
import { html, type SafeHtml } from './html-template';
import type { MatrixRow } from './matrix-model';
import { timelineKey } from './timeline-data';
import { verdictBadge } from './verdict-badge';

/**
 * What opens under a claim's row: the claim as the document states it (title, original quote,
 * document and section; for a contested claim what the document says and what real systems do),
 * then per implementation the verdict, the message, the replay command, the baseline's view,
 * and the evidence: timelines, the outcome histogram, a minimal counterexample, measurements.
 */

export function claimDetails(row: MatrixRow, runs: readonly RunReport[], embedded: ReadonlySet<string>): SafeHtml {
  const about = row.about;
  const results = row.cells.flatMap((cell, r) => (cell === undefined ? [] : [resultSection(cell, r, runs, embedded)]));
  return html`<div class="claim-detail">
<h3>${about.title}</h3>
<figure class="quote"><blockquote lang="zh">${about.source.quote}</blockquote><figcaption>${about.source.doc} § ${about.source.section}</figcaption></figure>
${contestBox(about)}
<p class="meta">${about.level} · ${about.kind} · topic ${about.topic}</p>
${results}
</div>`;
}

function contestBox(claim: ClaimResult): SafeHtml | undefined {
  if (claim.contest === undefined) return undefined;
  return html`<div class="contest"><p class="contest-head">Contested</p><dl><dt>The document says</dt><dd>${claim.contest.says}</dd><dt>What real systems do</dt><dd>${claim.contest.actually}</dd><dt>Evidence</dt><dd>${claim.contest.evidence}</dd></dl></div>`;
}

function resultSection(claim: ClaimResult, r: number, runs: readonly RunReport[], embedded: ReadonlySet<string>): SafeHtml {
  const run = runs[r];
  // A claim that was not run has nothing but its reason: one line per implementation.
  if (claim.verdict !== 'pass' && !isFailure(claim.verdict) && claim.baseline === undefined) {
    return html`<p class="result-line"><strong>${runLabel(run)}</strong> ${verdictBadge(claim)} ${claim.message}</p>`;
  }
  return html`<section class="result${failsGate(claim, run) ? ' failing' : ''}"><h4>${runLabel(run)} ${verdictBadge(claim)} <span class="duration">${claim.durationMs} ms</span></h4>${baselineNote(claim)}
<pre class="message">${claim.message}</pre>${claim.replay === undefined ? undefined : html`<p class="replay">Replay: <code>${claim.replay}</code></p>`}${
    claim.replay === undefined && claim.seed !== undefined ? html`<p class="seed">Generated from seed ${claim.seed}</p>` : undefined
  }${claim.outcomes === undefined ? undefined : histogramTable(claim.outcomes)}${claim.counterexample === undefined ? undefined : counterexampleBlock(claim)}${(claim.measurements ?? []).map((m) =>
    barChartSvg(m.name, m.unit, m.values),
  )}${(claim.timelines ?? []).map((t, i) => timelineBlock(t, timelineKey(r, claim.id, i), embedded))}${evidenceBlock(claim.evidence)}</section>`;
}

function baselineNote(claim: ClaimResult): SafeHtml | undefined {
  const mark = claim.baseline;
  if (mark === undefined) return undefined;
  const expected = mark.expected.join(' or ');
  const text =
    mark.status === 'expected'
      ? `Known result (baseline expects ${expected}): ${mark.reason ?? ''}`
      : mark.status === 'new-failure'
        ? 'New failure: the baseline does not list this claim'
        : mark.status === 'unexpected-pass'
          ? `Unexpected pass: the baseline expects ${expected} (${mark.reason ?? ''}); update the baseline`
          : `Unexpected verdict: the baseline expects ${expected} (${mark.reason ?? ''})`;
  return html`<p class="baseline baseline-${mark.status}">${text}</p>`;
}

/** jcstress-style: each observed outcome, how often, and what it means. */
function histogramTable(h: OutcomeHistogram): SafeHtml {
  const most = Math.max(1, ...h.entries.map((e) => e.count));
  const rows = h.entries.map(
    (e) =>
      html`<tr class="grade-${e.grade}"><td><code>${e.key}</code></td><td class="count"><span class="hbar" style="width:${((e.count / most) * 100).toFixed(1)}%"></span><span>${e.count}</span></td><td>${e.grade}</td><td>${h.describe[e.grade] ?? ''}</td></tr>`,
  );
  const missing = h.missing.map((g) => html`<p class="missing">Never seen in ${h.runs} runs: ${g}${h.describe[g] === undefined ? '' : ` (${h.describe[g]})`}</p>`);
  return html`<table class="histogram"><caption>Outcomes over ${h.runs} runs</caption><thead><tr><th>Outcome</th><th>Occurrences</th><th>Grade</th><th>Interpretation</th></tr></thead><tbody>${rows}</tbody></table>${missing}`;
}

function counterexampleBlock(claim: ClaimResult): SafeHtml {
  const c = claim.counterexample!;
  const seed = c.seed ?? claim.seed;
  return html`<div class="counterexample"><p><strong>Minimal failing scenario</strong>${seed === undefined ? '' : `, seed ${seed}`}${c.shrinks === undefined ? '' : `, after ${c.shrinks} shrinking step(s)`}: ${c.message}</p><pre>${JSON.stringify(c.scenario, null, 2)}</pre></div>`;
}

function timelineBlock(t: Timeline, key: string, embedded: ReadonlySet<string>): SafeHtml {
  const notes = [t.actorsCut > 0 ? `${t.actorsCut} more actor(s) not drawn` : '', t.opsCut > 0 ? `${t.opsCut} operation(s) not drawn` : ''].filter((n) => n !== '');
  const body = embedded.has(key) ? html`<div class="timeline" data-key="${key}"></div>` : html`<p class="note">Not embedded, to keep this page small; report.json has it.</p>`;
  return html`<div class="timeline-block"><p class="timeline-head"><strong>${t.scenario}</strong> · run ${t.run} of ${t.runs} · <span class="status-${t.status}">${t.status}</span> · ${t.durationMs} ms${notes.length > 0 ? ` · ${notes.join(', ')}` : ''}</p>${body}</div>`;
}

/** Histories are drawn as timelines; the JSON shows their length instead. */
function withoutHistories(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutHistories);
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === 'history' && Array.isArray(v) ? `${v.length} event(s), in report.json` : withoutHistories(v);
  return out;
}

function evidenceBlock(evidence: Json | undefined): SafeHtml | undefined {
  if (evidence === undefined) return undefined;
  return html`<details class="evidence"><summary>Evidence (JSON)</summary><pre>${JSON.stringify(withoutHistories(evidence), null, 1)}</pre></details>`;
}

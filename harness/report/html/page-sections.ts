import { BASELINE_STATUSES, passesGate } from '../../gate/baseline-compare';
import { VERDICTS, type RunReport, type Verdict } from '../../runner/report-model';
import { seriesOf, type BenchResults } from '../bench-results';
import { runLabel } from '../report-file';
import { countsText, verdictLabel } from '../summary-text';
import { barChartSvg } from './bar-chart-svg';
import { claimDetails } from './claim-details';
import { html, type SafeHtml } from './html-template';
import { rowFlags, type MatrixRow } from './matrix-model';
import { verdictBadge } from './verdict-badge';

/** The sections of the HTML report, top to bottom. */

export function runsTable(runs: readonly RunReport[]): SafeHtml {
  const rows = runs.map((run) => {
    const planned = run.planned ?? run.claims.length;
    const status = !run.complete ? html`<span class="status-bad">incomplete: ${run.claims.length} of ${planned} claims</span>` : passesGate(run) ? html`<span class="status-good">passed</span>` : html`<span class="status-bad">failed</span>`;
    const chips = VERDICTS.filter((v) => run.summary[v] > 0).map((v) => html`<span class="chip v-${v}">${run.summary[v]} ${verdictLabel(v).toLowerCase()}</span>`);
    const notes = [
      run.shard === undefined ? '' : `shard ${run.shard.index}/${run.shard.count}`,
      run.mergedFrom === undefined ? '' : `merged from ${run.mergedFrom.length} report(s)`,
      run.baseline === undefined ? '' : `baseline ${run.baseline.file}: ${BASELINE_STATUSES.filter((s) => run.baseline!.counts[s] > 0).map((s) => `${run.baseline!.counts[s]} ${s}`).join(', ') || 'nothing listed'}`,
    ].filter((n) => n !== '');
    return html`<tr><th scope="row">${runLabel(run)}</th><td>${run.implementation.runtime}</td><td>${run.seed}</td><td>${run.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}</td><td>${run.summary.total}</td><td class="chips">${chips}</td><td>${status}${notes.length > 0 ? html`<br><small>${notes.join('; ')}</small>` : ''}</td></tr>`;
  });
  return html`<table class="runs"><thead><tr><th>Implementation</th><th>Runtime</th><th>Seed</th><th>Started</th><th>Claims</th><th>Verdicts</th><th>Result</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function banners(runs: readonly RunReport[]): SafeHtml[] {
  const out: SafeHtml[] = [];
  for (const run of runs) {
    if (!run.complete) {
      out.push(html`<p class="banner banner-bad" role="alert">${runLabel(run)}: INCOMPLETE. The run was interrupted after ${run.claims.length} of ${run.planned ?? run.claims.length} claims; this report shows only those.</p>`);
    }
    if (run.baseline !== undefined && !run.baseline.ok) {
      const c = run.baseline.counts;
      out.push(html`<p class="banner banner-bad" role="alert">${runLabel(run)} against ${run.baseline.file}: ${c['new-failure']} new failure(s), ${c['unexpected-pass']} unexpected pass(es), ${c['unexpected-verdict']} other unexpected verdict(s).</p>`);
    }
  }
  return out;
}

export function topicTable(rows: readonly MatrixRow[], runs: readonly RunReport[]): SafeHtml {
  const topics = [...new Set(rows.map((r) => r.about.topic))];
  const body = topics.map((topic) => {
    const inTopic = rows.filter((r) => r.about.topic === topic);
    const cells = runs.map((_, ri) => {
      const counts: Partial<Record<Verdict, number>> = {};
      for (const row of inTopic) {
        const v = row.cells[ri]?.verdict;
        if (v !== undefined) counts[v] = (counts[v] ?? 0) + 1;
      }
      const segments = VERDICTS.filter((v) => (counts[v] ?? 0) > 0).map((v) => html`<span class="seg v-${v}" style="flex-grow:${counts[v]}" title="${counts[v]} ${v}"></span>`);
      return html`<td><div class="stack">${segments}</div><span class="counts">${countsText(counts)}</span></td>`;
    });
    return html`<tr><th scope="row"><button type="button" class="topic-link" data-topic="${topic}">${topic}</button></th><td class="num">${inTopic.length}</td>${cells}</tr>`;
  });
  return html`<table class="topics"><thead><tr><th>Topic</th><th>Claims</th>${runs.map((run) => html`<th>${runLabel(run)}</th>`)}</tr></thead><tbody>${body}</tbody></table>`;
}

export function contestedList(rows: readonly MatrixRow[]): SafeHtml | undefined {
  const contested = rows.filter((r) => r.about.contest !== undefined);
  if (contested.length === 0) return undefined;
  const items = contested.map(
    (r) =>
      html`<li><a href="#claim-${r.id}" class="claim-link" data-claim="${r.id}"><code>${r.id}</code></a> ${r.about.title}<dl><dt>The document says</dt><dd>${r.about.contest!.says}</dd><dt>What real systems do</dt><dd>${r.about.contest!.actually}</dd></dl></li>`,
  );
  return html`<details class="contested-list"><summary>Contested claims (${contested.length}): where the documents are wrong or platform-specific</summary><ul>${items}</ul></details>`;
}

export function filterBar(rows: readonly MatrixRow[], runs: readonly RunReport[]): SafeHtml {
  const topics = [...new Set(rows.map((r) => r.about.topic))];
  const present = VERDICTS.filter((v) => rows.some((r) => r.cells.some((c) => c?.verdict === v)));
  const kinds = [...new Set(rows.map((r) => r.about.kind))];
  const special = [
    html`<option value="flag:failed">fail or error</option>`,
    html`<option value="flag:failing">failing the run</option>`,
    runs.some((r) => r.baseline !== undefined) ? html`<option value="flag:unexpected">unexpected against the baseline</option>` : undefined,
    runs.length > 1 ? html`<option value="flag:differ">verdicts differ</option>` : undefined,
  ];
  return html`<div class="filters" role="search">
<input type="search" id="f-search" placeholder="Search ids, titles, quotes, messages" aria-label="Search claims">
<label>Topic <select id="f-topic"><option value="">all</option>${topics.map((t) => html`<option>${t}</option>`)}</select></label>
<label>Verdict <select id="f-verdict"><option value="">any</option>${special}${present.map((v) => html`<option value="${v}">${v}</option>`)}</select></label>
<label>Kind <select id="f-kind"><option value="">any</option>${kinds.map((k) => html`<option>${k}</option>`)}</select></label>
<button type="button" id="f-clear">Clear</button>
<span id="f-count" aria-live="polite">${rows.length} of ${rows.length} claims</span>
</div>`;
}

const SEARCH_MESSAGE = 200;

export function matrixTable(rows: readonly MatrixRow[], runs: readonly RunReport[], embedded: ReadonlySet<string>): SafeHtml {
  const columns = runs.length + 2;
  const body = rows.map((row) => {
    const flags = rowFlags(row, runs);
    const a = row.about;
    const messages = [...new Set(row.cells.map((c) => c?.message.slice(0, SEARCH_MESSAGE) ?? ''))];
    const search = [a.id, a.title, a.topic, a.source.quote, a.source.section, a.source.doc, ...messages].join(' ').toLowerCase();
    const flagList = (Object.keys(flags) as (keyof typeof flags)[]).filter((k) => flags[k]).join(' ');
    const tag = a.kind === 'executable' ? undefined : html` <span class="tag tag-${a.kind}">${a.kind}</span>`;
    return html`<tr class="claim${flags.contested ? ' contested' : ''}${flags.failing ? ' failing' : ''}" id="claim-${a.id}" data-topic="${a.topic}" data-kind="${a.kind}" data-verdicts="${row.cells.map((c) => c?.verdict ?? '').join(' ')}" data-flags="${flagList}" data-search="${search}" tabindex="0" aria-expanded="false"><td class="claim-cell"><span class="toggle" aria-hidden="true"></span><code>${a.id}</code>${tag}<br><span class="title">${a.title}</span></td><td class="topic">${a.topic}</td>${row.cells.map((c) => html`<td class="cell">${verdictBadge(c, true)}</td>`)}</tr>
<tr class="detail" hidden><td colspan="${columns}">${claimDetails(row, runs, embedded)}</td></tr>`;
  });
  return html`<table class="matrix"><thead><tr><th>Claim</th><th>Topic</th>${runs.map((run) => html`<th class="impl">${runLabel(run)}</th>`)}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The charts of `npm run load` (reports/load.json): throughput and latency per server and load. */
export function loadSection(load: BenchResults | undefined, problem: string | undefined): SafeHtml | undefined {
  if (load === undefined) return problem === undefined ? undefined : html`<section id="load"><h2>Load tests</h2><p class="note">${problem}</p></section>`;
  const charts = load.figures.map((f) => barChartSvg(f.title, f.unit, seriesOf(f).map(([label, s]) => ({ label, value: s.median, min: s.min, max: s.max }))));
  return html`<section id="load"><h2>Load tests</h2><p class="note">From <code>npm run load</code> on ${load.date}: autocannon against each server in turn, keep-alive connections on loopback.</p><div class="charts">${charts}</div></section>`;
}

export function benchSection(bench: BenchResults | undefined, problem: string | undefined): SafeHtml | undefined {
  if (bench === undefined) return problem === undefined ? undefined : html`<section id="bench"><h2>Benchmarks</h2><p class="note">${problem}</p></section>`;
  const machine = bench.machine === undefined ? '' : Object.entries(bench.machine).map(([k, v]) => `${k} ${String(v)}`).join(', ');
  const charts = bench.figures.map((f) => barChartSvg(f.title, f.unit, seriesOf(f).map(([label, s]) => ({ label, value: s.median, min: s.min, max: s.max }))));
  return html`<section id="bench"><h2>Benchmarks</h2><p class="note">From <code>npm run bench</code> on ${bench.date}${machine === '' ? '' : ` (${machine})`}: medians, with the min–max of the repetitions.</p><div class="charts">${charts}</div></section>`;
}

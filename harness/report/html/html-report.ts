import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { passesGate } from '../../gate/baseline-compare';
import type { RunReport } from '../../runner/report-model';
import type { BenchResults } from '../bench-results';
import { runLabel } from '../report-file';
import { html, scriptJson, trusted } from './html-template';
import { matrixRows } from './matrix-model';
import { banners, benchSection, loadSection, contestedList, filterBar, matrixTable, runsTable, topicTable } from './page-sections';
import { embedTimelines } from './timeline-data';
import { timeSection } from './time-section';

/**
 * `index.html`: the whole report as one self-contained file: styles, script and data inline,
 * no network access (its Content-Security-Policy forbids any), readable without the script
 * (the script adds filters, search, opening claims and drawing timelines).
 */

export interface HtmlReportInput {
  runs: readonly RunReport[];
  bench?: BenchResults;
  /** Why the benchmark results could not be read, shown instead of the charts. */
  benchProblem?: string;
  /** Load-test results, in the benchmark results' shape (harness/load/load-report.ts). */
  load?: BenchResults;
  loadProblem?: string;
  generatedAt?: Date;
}

const ASSETS = path.join(__dirname, 'assets');
const asset = (name: string) => readFileSync(path.join(ASSETS, name), 'utf8');

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function renderHtmlReport(input: HtmlReportInput): string {
  const { runs } = input;
  const rows = matrixRows(runs);
  const { data, embedded } = embedTimelines(rows, runs);
  const generated = (input.generatedAt ?? new Date()).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const verdict = runs.every(passesGate) ? 'passed' : 'failed';
  const title = `conform: ${runs.map(runLabel).join(', ')}, ${verdict}`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${trusted(asset('report.css'))}</style>
</head>
<body>
<header>
<h1>conform report <span class="overall status-${verdict === 'passed' ? 'good' : 'bad'}">${verdict}</span></h1>
<p class="generated">${rows.length} claims × ${runs.length} implementation(s) · generated ${generated}</p>
</header>
<main>
${banners(runs)}
<section id="runs"><h2>Runs</h2>${runsTable(runs)}</section>
<section id="topics"><h2>By topic</h2>${topicTable(rows, runs)}</section>
${contestedList(rows)}
${timeSection(runs)}
<section id="claims"><h2>Claims</h2>
${filterBar(rows, runs)}
<p class="hint">Open a claim for its source, the verdict of each implementation and the evidence: timelines of the recorded history, outcome histograms, replay commands.</p>
${matrixTable(rows, runs, embedded)}
</section>
${benchSection(input.bench, input.benchProblem)}
${loadSection(input.load, input.loadProblem)}
</main>
<script type="application/json" id="conform-timelines">${scriptJson(data)}</script>
<script>${trusted(asset('report-client.js'))}</script>
</body>
</html>
`;
  return page.value;
}

import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { RunReport } from '../../harness/runner/report-model';
import { conform, REPORT_CATALOG, ROOT } from './cli-helpers';

/**
 * The HTML report in a real browser: Debian's headless chromium through playwright-core. The
 * report comes from a real run of the report fixture catalog; the test counts matrix rows against
 * report.json, uses a filter and the search, opens a claim to draw its timeline, checks that the
 * page fetched nothing and threw nothing, and saves screenshots under reports/ (git-ignored).
 */

jest.setTimeout(180_000);

const CHROMIUM = '/usr/bin/chromium';
const OUT = path.join(ROOT, 'reports', 'browser-test');
const SCREENSHOTS = path.join(ROOT, 'reports', 'screenshots');

let context: BrowserContext;
let page: Page;
let profile: string;
let report: RunReport;
const requests: string[] = [];
const errors: string[] = [];

beforeAll(async () => {
  const run = await conform(['run', '--catalog', REPORT_CATALOG, '--out', OUT, '--seed', '21', '--format', 'json,html']);
  expect(run.code).toBe(1); // the fixture catalog has failures to show
  report = JSON.parse(await fs.readFile(path.join(OUT, 'report.json'), 'utf8')) as RunReport;
  profile = await fs.mkdtemp(path.join(os.tmpdir(), 'conform-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 60_000,
  });
  page = await context.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`file://${path.join(OUT, 'index.html')}`);
});

afterAll(async () => {
  await context?.close();
  if (profile !== undefined) await fs.rm(profile, { recursive: true, force: true });
});

const visibleRows = () => page.locator('tr.claim:visible');

describe('the HTML report in chromium', () => {
  it('shows one matrix row per claim in report.json', async () => {
    expect(report.claims.length).toBe(10);
    await expect(page.locator('tr.claim').count()).resolves.toBe(report.claims.length);
    await expect(visibleRows().count()).resolves.toBe(report.claims.length);
    await expect(page.locator('#f-count').textContent()).resolves.toBe(`${report.claims.length} of ${report.claims.length} claims`);
  });

  it('filters by verdict, topic and kind, and searches', async () => {
    const failing = report.claims.filter((c) => c.verdict === 'fail').map((c) => c.id);
    await page.selectOption('#f-verdict', 'fail');
    await expect(visibleRows().evaluateAll((rows) => rows.map((r) => r.id.replace(/^claim-/, '')))).resolves.toEqual(failing);
    await page.selectOption('#f-topic', 'gen');
    await expect(visibleRows().count()).resolves.toBe(report.claims.filter((c) => c.verdict === 'fail' && c.topic === 'gen').length);
    await page.click('#f-clear');
    await page.selectOption('#f-kind', 'contested');
    await expect(visibleRows().evaluateAll((rows) => rows.map((r) => r.id))).resolves.toEqual(['claim-rep.disputed']);
    await page.click('#f-clear');
    await page.fill('#f-search', 'opposite orders');
    await expect(visibleRows().evaluateAll((rows) => rows.map((r) => r.id))).resolves.toEqual(['claim-rep.deadlock']);
    await page.fill('#f-search', '引用'); // the quote, in the document's language
    await expect(visibleRows().count()).resolves.toBe(report.claims.length);
    await page.click('#f-clear');
    await expect(visibleRows().count()).resolves.toBe(report.claims.length);
  });

  it('opens a claim and draws its timeline: a lane per actor, an interval per operation, the blocked ones marked', async () => {
    const deadlock = report.claims.find((c) => c.id === 'rep.deadlock')!;
    const timeline = deadlock.timelines![0];
    const row = page.locator('[id="claim-rep.deadlock"]');
    await row.click();
    await expect(row.getAttribute('aria-expanded')).resolves.toBe('true');
    const svg = page.locator('[id="claim-rep.deadlock"] + tr.detail svg.timeline-svg');
    await svg.waitFor({ state: 'visible', timeout: 10_000 });
    await expect(svg.locator('.lane-label').allTextContents()).resolves.toEqual(timeline.actors);
    await expect(svg.locator('rect.op').count()).resolves.toBe(timeline.ops.length);
    await expect(svg.locator('rect.op.o-info').count()).resolves.toBe(2);
    const box = await svg.locator('rect.op.o-info').first().boundingBox();
    expect(box?.width).toBeGreaterThan(100); // blocked until the deadline: a long interval
    await fs.mkdir(SCREENSHOTS, { recursive: true });
    await page.evaluate('document.getElementById("claim-rep.deadlock").scrollIntoView()');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-timeline.png') });
  });

  it('shows the histogram, the counterexample, the replay command and the contested claim when opened', async () => {
    await page.locator('[id="claim-rep.racy-counter"]').click();
    await expect(page.locator('[id="claim-rep.racy-counter"] + tr.detail table.histogram').isVisible()).resolves.toBe(true);
    await page.locator('[id="claim-rep.property"]').click();
    await expect(page.locator('[id="claim-rep.property"] + tr.detail .counterexample pre').textContent()).resolves.toContain('"name": "2 actor(s)"');
    await expect(page.locator('[id="claim-rep.property"] + tr.detail .replay code').textContent()).resolves.toBe(report.claims.find((c) => c.id === 'rep.property')!.replay);
    await page.locator('[id="claim-rep.disputed"]').click();
    await expect(page.locator('[id="claim-rep.disputed"] + tr.detail .contest').textContent()).resolves.toContain('the frame header is 18 bytes');
    await page.evaluate('window.scrollTo(0, 0)'); // sticky headers are drawn where the scroll puts them
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-full.png'), fullPage: true });
  });

  it('fetched nothing from the network and raised no script errors', () => {
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });
});

import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { replayCommand } from '../../harness/report/replay-command';
import type { RunReport } from '../../harness/runner/report-model';
import { conform } from '../report/cli-helpers';

/** The property budget from the command line, and replay commands that repeat it. */

jest.setTimeout(120_000);

describe('--budget-runs and --budget-ms', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'conform-budget-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('limit how many generated scenarios a property claim runs', async () => {
    const out = await conform(['run', '--claims', 'property.queue-fifo', '--budget-runs', '3', '--budget-ms', '20000', '--seed', '11', '--format', 'json', '--out', dir]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const report = JSON.parse(await fs.readFile(path.join(dir, 'report.json'), 'utf8')) as RunReport;
    expect(report.claims[0]).toMatchObject({ id: 'property.queue-fifo', verdict: 'pass', message: '3 generated scenario(s) held', seed: 11, evidence: { scenarios: 3, budget: { runs: 3, ms: 20000 } } });
  });

  it('refuse a budget that is not a positive integer', async () => {
    const out = await conform(['run', '--claims', 'property.queue-fifo', '--budget-runs', '0', '--format', 'json', '--out', dir]);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain('must be an integer > 0');
  });
});

describe('replay commands', () => {
  it('repeat a budget given on the command line, since the same seed draws the same scenarios only within it', () => {
    expect(replayCommand('property.lock-exclusive-and-live', 9, { impl: 'python', repeatScale: 1, budgetRuns: 200, budgetMs: 60000 })).toBe(
      'npx conform run --claims property.lock-exclusive-and-live --replay 9 --impl python --budget-runs 200 --budget-ms 60000',
    );
    expect(replayCommand('property.queue-lifo', 9, { impl: 'reference', repeatScale: 1 })).toBe('npx conform run --claims property.queue-lifo --replay 9');
  });
});

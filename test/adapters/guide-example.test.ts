import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { claims as catalog } from '../../spec';
import { liveProcessGroups } from '../../harness/adapters/process/process-group';
import { ProcessImplementation } from '../../harness/adapters/process/process-implementation';
import { runClaims } from '../../harness/runner/runner';
import type { Scenario } from '../../harness/scenario/model';
import { scenarioNameClaim } from './fixtures/scenario-name-catalog';

/**
 * The minimal adapter printed in docs/writing-an-adapter.md, taken from the guide as it is and
 * run through the harness: a stranger copying it gets a working adapter, including the deadline
 * and the exit-and-restart it describes.
 */

const GUIDE = path.join(__dirname, '..', '..', 'docs', 'writing-an-adapter.md');

let dir: string;
let impl: ProcessImplementation;

beforeAll(async () => {
  const text = fs.readFileSync(GUIDE, 'utf8');
  const match = /```python\n([\s\S]*?)```/.exec(text);
  if (match === null) throw new Error('the guide has no python example');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conform-guide-'));
  const file = path.join(dir, 'minimal_adapter.py');
  fs.writeFileSync(file, match[1]);
  impl = await ProcessImplementation.start({ command: { file: 'python3', args: ['-B', file], display: 'minimal_adapter.py' }, replyGraceMs: 2_000 });
});

afterAll(async () => {
  await impl.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sleeper = (units: number, deadlineMs: number): Scenario => ({
  version: 1,
  name: 'sleeper',
  timeUnitMs: 10,
  deadlineMs,
  objects: {},
  actors: [{ name: 'a', kind: 'thread', ops: [{ op: 'mark', label: 'begin' }, { op: 'sleep', units }] }],
});

describe('the minimal adapter of the guide', () => {
  it('introduces itself and runs a claim it can run', async () => {
    expect(impl.name).toBe('minimal');
    expect([...impl.capabilities]).toEqual(['threads']);
    const lockClaim = catalog.find((c) => c.id === 'lock.others-queue-until-unlocked')!;
    const report = await runClaims({ implementation: impl, claims: [scenarioNameClaim('fixture.mark', 'fine'), lockClaim], seed: 1 });
    expect(report.claims.map((c) => `${c.id}: ${c.verdict}`)).toEqual(['fixture.mark: pass', 'lock.others-queue-until-unlocked: not-applicable']);
  });

  it('reports a deadline with info for the blocked op, exits, and is restarted for the next scenario', async () => {
    const late = await impl.runScenario(sleeper(100, 200));
    expect(late.status).toBe('deadline');
    expect(late.unfinished).toEqual(['a']);
    expect(late.history.map((e) => `${e.f} ${e.type}`)).toEqual(['mark invoke', 'mark ok', 'sleep invoke', 'sleep info']);
    const pid = impl.adapterPid;
    expect(pid).toBeUndefined();
    const next = await impl.runScenario(sleeper(1, 2_000));
    expect(next.status).toBe('completed');
    expect(impl.adapterPid).toBeDefined();
  });

  it('refuses a scenario it cannot run, as an error for that scenario only', async () => {
    const withLock: Scenario = { ...sleeper(1, 1_000), objects: { l: { type: 'lock' } } };
    const refused = await impl.runScenario(withLock);
    expect(refused.status).toBe('crashed');
    expect(refused.error).toMatch(/^the adapter could not run the scenario: shared objects are not supported/);
    expect((await impl.runScenario(sleeper(1, 2_000))).status).toBe('completed');
    expect(liveProcessGroups()).toHaveLength(1);
  });
});

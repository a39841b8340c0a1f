import * as fc from 'fast-check';
import { serverProperty } from '../../spec/checks/server-property';

/** serverProperty (spec/checks/server-property.ts) with a stand-in probe: no server is needed to see it draw, shrink and report. */

const target = { host: '127.0.0.1', port: 1, info: {} };
const ctx = () => ({ seed: 5, signal: new AbortController().signal });

describe('serverProperty', () => {
  it('passes when every drawn input holds, and says how many were probed', async () => {
    const check = serverProperty({ protocol: 'upload' }, fc.integer({ min: 0, max: 100 }), async () => ({ ok: true, message: 'fine' }), { runs: 7, ms: 5_000 });
    await expect(check.probe(target, ctx())).resolves.toMatchObject({ ok: true, evidence: { inputs: 7, probes: 7 } });
  });

  it('shrinks a failure to the smallest failing input and reports it with its judgement', async () => {
    const check = serverProperty(
      { protocol: 'upload' },
      fc.integer({ min: 0, max: 100_000 }),
      async (_t, n) => (n < 1000 ? { ok: true, message: 'small' } : { ok: false, message: `${n} is too big` }),
      { runs: 50, ms: 5_000 },
    );
    const j = await check.probe(target, ctx());
    expect(j).toMatchObject({ ok: false, evidence: { minimal: 1000 } });
    expect(j.message).toContain('1000 is too big');
  });
});

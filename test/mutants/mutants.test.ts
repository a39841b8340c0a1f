import * as path from 'node:path';
import { claims } from '../../spec';
import type { Claim } from '../../spec/claim';
import { runClaims } from '../../harness/runner/runner';
import { MUTANT_MODULES } from './index';
import { createMutantImplementation, leftovers } from './mutant-factory';
import { isGenerated, type Mutant } from './mutant';

/**
 * Sensitivity: the suite must catch broken implementations. Each mutant (one defect in the
 * reference, run on real worker threads or processes) is run on every claim that needs the
 * capability it breaks; at least one must fail (and the claims the mutant names as catching it
 * must), while the reference passes them: test/conformance/reference.test.ts runs the whole
 * catalog on it, so this file does not run those claims on the reference a second time.
 */

jest.setTimeout(300_000);

const SEED = 20261123;
const mutants = MUTANT_MODULES.map((module) => ({ module, name: path.basename(module, '.ts') }));
// The hand-written claims; the generated property claims face the mutants in property-mutants.test.ts.
const claimsFor = (m: Mutant): Claim[] =>
  claims.filter((c) => !isGenerated(c) && c.capabilities.includes(m.breaks) && (m.onlyTagged === undefined || c.tags.some((t) => m.onlyTagged!.includes(t))));

describe('mutants', () => {
  it('are at least twelve, each a distinct defect', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const described = MUTANT_MODULES.map((m) => (require(m) as { mutant: Mutant }).mutant);
    expect(described.length).toBeGreaterThanOrEqual(12);
    expect(new Set(described.map((m) => m.defect)).size).toBe(described.length);
    expect(described.map((m) => m.name)).toEqual(mutants.map((m) => m.name));
  });

  it.each(mutants.map((m) => [m.name, m.module]))('%s is caught', async (_name, module) => {
    const implementation = createMutantImplementation(module);
    try {
      const { mutant } = implementation;
      const report = await runClaims({ implementation, claims: claimsFor(mutant), seed: SEED });
      expect(report.complete).toBe(true);
      expect(report.claims.filter((c) => c.verdict === 'error').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
      const failed = report.claims.filter((c) => c.verdict === 'fail').map((c) => c.id);
      expect(failed.length).toBeGreaterThan(0);
      expect(mutant.caughtBy.filter((id) => !failed.includes(id))).toEqual([]);
    } finally {
      await implementation.close();
    }
    expect(leftovers(implementation)).toBe(0);
  });

  it('are caught by claims that the reference passes', () => {
    // The reference passing these very claims is what test/conformance/reference.test.ts shows
    // (it runs the whole catalog); here: each catching claim exists, runs, and is not pending,
    // so a mutant is never "caught" by a claim the reference would fail too.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const described = MUTANT_MODULES.map((m) => (require(m) as { mutant: Mutant }).mutant);
    const byId = new Map(claims.map((c) => [c.id, c]));
    for (const m of described) {
      for (const id of m.caughtBy) {
        const c = byId.get(id);
        expect(`${m.name} → ${id}: ${c === undefined ? 'missing' : c.check === undefined ? 'no check' : c.status === 'pending' ? 'pending' : 'runs'}`).toBe(`${m.name} → ${id}: runs`);
        expect(claimsFor(m)).toContain(c);
      }
    }
  });
});

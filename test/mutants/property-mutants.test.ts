import * as path from 'node:path';
import { claims } from '../../spec';
import type { Claim } from '../../spec/claim';
import { runClaims } from '../../harness/runner/runner';
import { MUTANT_MODULES } from './index';
import { createMutantImplementation, leftovers } from './mutant-factory';
import { isGenerated, type Mutant } from './mutant';

/**
 * The generated property claims (spec/properties.ts) must catch, within the default budget,
 * every mutant of a primitive they cover, as the hand-written claims do (mutants.test.ts):
 * fast-check finds what no one wrote a scenario for. Only the property claims run here (for a
 * process-level mutant, only those its `onlyTagged` names, as in mutants.test.ts), so this
 * file stays quick. The network mutants are caught by spec/network-properties.ts: generated
 * datagrams for the socket one, a server property (generated uploads) for the framing one.
 */

jest.setTimeout(300_000);

const SEED = 20261204;
const described: { module: string; mutant: Mutant }[] = MUTANT_MODULES.map((module) => ({
  module,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  mutant: (require(module) as { mutant: Mutant }).mutant,
}));
const properties = claims.filter(isGenerated);
const propertiesFor = (m: Mutant): Claim[] =>
  properties.filter((c) => c.capabilities.includes(m.breaks) && (m.onlyTagged === undefined || c.tags.some((t) => m.onlyTagged!.includes(t))));
const covered = described.filter((d) => propertiesFor(d.mutant).length > 0);

describe('property claims against the mutants', () => {
  it('cover every mutant', () => {
    expect(described.filter((d) => propertiesFor(d.mutant).length === 0).map((d) => d.mutant.name)).toEqual([]);
  });

  it.each(covered.map((d) => [path.basename(d.module, '.ts'), d.module]))('%s is caught by a property claim', async (_name, module) => {
    const implementation = createMutantImplementation(module);
    try {
      const report = await runClaims({ implementation, claims: propertiesFor(implementation.mutant), seed: SEED });
      expect(report.complete).toBe(true);
      expect(report.claims.filter((c) => c.verdict === 'error').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
      const failed = report.claims.filter((c) => c.verdict === 'fail');
      expect(failed.map((c) => c.id).length).toBeGreaterThan(0);
      // A failure of a property claim comes with its minimal scenario; of a server property, with its minimal input.
      for (const c of failed) {
        if (c.counterexample === undefined) expect(c.evidence).toHaveProperty('probe.minimal');
        else expect(c.counterexample.scenario.actors.length).toBeGreaterThan(0);
      }
    } finally {
      await implementation.close();
    }
    expect(leftovers(implementation)).toBe(0);
  });
});

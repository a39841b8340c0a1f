import * as fs from 'node:fs';
import * as path from 'node:path';
import { claims } from '../../spec';
import { checkScenarios } from '../../spec/claim';
import { DOCS } from '../../spec/sources';
import { isCapability } from '../../harness/capability';
import { validateScenario } from '../../harness/scenario/validate';

/**
 * The catalog's own contract: every claim cites its document verbatim, ids are stable and
 * unique, kinds carry what they promise, and every scenario is valid under the model.
 */

const seedsDir = path.resolve(__dirname, '../../fixtures/seeds');
const sharedSeedsDir = path.resolve(__dirname, '../../../shared/seeds');
const texts = new Map<string, string>(Object.values(DOCS).map((f) => [f, fs.readFileSync(path.join(seedsDir, f), 'utf8')]));

describe('the seed documents', () => {
  it('are kept verbatim in fixtures/seeds (identical to ../shared/seeds when it is there)', () => {
    for (const f of Object.values(DOCS)) {
      expect(texts.get(f)!.length).toBeGreaterThan(10_000);
      const shared = path.join(sharedSeedsDir, f);
      if (fs.existsSync(shared)) expect(fs.readFileSync(shared, 'utf8')).toBe(texts.get(f));
    }
  });
});

describe('the claims catalog', () => {
  it('covers all five documents with on the order of a hundred claims', () => {
    expect(claims.length).toBeGreaterThanOrEqual(90);
    for (const doc of Object.values(DOCS)) expect(claims.some((c) => c.source.doc === doc)).toBe(true);
  });

  it('has unique ids of the form topic.short-name', () => {
    const ids = claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of claims) expect(c.id).toMatch(new RegExp(`^${c.topic}\\.[a-z0-9][A-Za-z0-9-]*$`));
  });

  it.each(claims.map((c) => [c.id, c] as const))('%s quotes its document verbatim', (_id, c) => {
    const text = texts.get(c.source.doc);
    expect(text).toBeDefined();
    expect(c.source.quote.trim().length).toBeGreaterThan(0);
    expect(text!.includes(c.source.quote)).toBe(true);
    expect(text!.includes(c.source.section)).toBe(true);
  });

  it('gives every kind what it needs', () => {
    for (const c of claims) {
      expect(c.title.length).toBeGreaterThan(10);
      for (const cap of c.capabilities) expect(isCapability(cap)).toBe(true);
      if (c.kind === 'informational') {
        expect(c.reason && c.reason.length > 10).toBeTruthy();
        expect(c.check).toBeUndefined();
      }
      if (c.kind === 'contested') {
        expect(c.contest?.says && c.contest.actually && c.contest.evidence).toBeTruthy();
      }
      if (c.status === 'pending') {
        expect(c.kind).not.toBe('informational');
        expect(c.plannedIn).toBeGreaterThan(2);
        expect(c.check).toBeUndefined();
      }
      if (c.kind === 'executable' && c.status !== 'pending') expect(c.check).toBeDefined();
    }
  });

  it('has only valid scenarios', () => {
    for (const c of claims) {
      if (c.check?.type !== 'scenario') continue;
      const scenarios = checkScenarios(c.check, 1);
      expect(scenarios.length).toBeGreaterThan(0);
      for (const s of scenarios) {
        const result = validateScenario(JSON.parse(JSON.stringify(s)));
        if (!result.ok) throw new Error(`${c.id} / ${s.name}: ${JSON.stringify(result.issues)}`);
      }
    }
  });

  it('leaves nothing pending in the thread-level topics this suite implements first', () => {
    const threadLevel = claims.filter((c) => ['lock', 'deadlock', 'rlock', 'semaphore', 'event', 'queue'].includes(c.topic) && c.capabilities.includes('threads'));
    expect(threadLevel.length).toBeGreaterThanOrEqual(30);
    const pendingThreadLevel = threadLevel.filter((c) => c.status === 'pending' && !c.tags.includes('racy'));
    expect(pendingThreadLevel.map((c) => c.id)).toEqual([]);
  });
});

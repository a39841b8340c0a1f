import { claims } from '../../spec';
import type { ScenarioCheck } from '../../spec/claim';

/**
 * Issue 9's racy claims are judged by an outcome histogram (jcstress-style): each names how
 * its runs are keyed, grades every key acceptable, interesting or forbidden, and must see the
 * race it is about. The verdict then rests on the grades, not on one lucky run.
 */

const RACY = ['lock.unlocked-decrement-loses-updates', 'tickets.unlocked-file-oversells', 'queue.list-not-thread-safe'];

describe.each(RACY)('%s', (id) => {
  const claim = claims.find((c) => c.id === id);
  const check = claim?.check as ScenarioCheck | undefined;

  it('is graded by outcomes over several runs and must see the race', () => {
    expect(check?.type).toBe('scenario');
    expect(check?.outcomes).toBeDefined();
    expect(check!.outcomes!.mustSee).toContain('interesting');
    expect((check!.repeat ?? 1) * check!.scenarios.length).toBeGreaterThan(1);
    expect(claim!.tags).toContain('outcome-histogram');
  });

  it('describes all three grades, so a report can say what each outcome means', () => {
    expect(Object.keys(check!.outcomes!.describe ?? {}).sort()).toEqual(['acceptable', 'forbidden', 'interesting']);
  });
});

describe('grading of the unlocked ticket file', () => {
  const grade = (claims.find((c) => c.id === 'tickets.unlocked-file-oversells')!.check as ScenarioCheck).outcomes!.grade;

  it('calls overselling interesting and more sales than buyers forbidden', () => {
    expect(grade('sold 5')).toBe('acceptable');
    expect(grade('sold 8')).toBe('interesting');
    expect(grade('sold 11')).toBe('forbidden');
  });
});

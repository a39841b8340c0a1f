import type { Claim } from '../../spec/claim';

/**
 * `--claims` patterns. A pattern is an exact claim id (`lock.locked-decrement-exact`), a topic
 * (`lock`), or a glob where `*` matches any run of characters (`lock.*`, `*deadlock*`), matched
 * against both the id and the topic. Selection keeps catalog order and never repeats a claim.
 */

export interface Selection<C extends Pick<Claim, 'id' | 'topic'>> {
  claims: C[];
  /** Patterns that matched no claim: almost always a typo, so callers report them. */
  unmatched: string[];
}

export function patternMatcher(pattern: string): (claim: Pick<Claim, 'id' | 'topic'>) => boolean {
  if (!pattern.includes('*')) return (claim) => claim.id === pattern || claim.topic === pattern;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`);
  return (claim) => regex.test(claim.id) || regex.test(claim.topic);
}

/** All claims when `patterns` is empty. */
export function selectClaims<C extends Pick<Claim, 'id' | 'topic'>>(claims: readonly C[], patterns: readonly string[]): Selection<C> {
  if (patterns.length === 0) return { claims: [...claims], unmatched: [] };
  const matchers = patterns.map((pattern) => ({ pattern, matches: patternMatcher(pattern), used: false }));
  const selected = claims.filter((claim) => {
    let hit = false;
    for (const m of matchers) {
      if (m.matches(claim)) {
        m.used = true;
        hit = true;
      }
    }
    return hit;
  });
  return { claims: selected, unmatched: matchers.filter((m) => !m.used).map((m) => m.pattern) };
}

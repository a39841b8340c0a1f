import type { Claim } from '../../spec/claim';
import type { Json } from '../scenario/model';

/**
 * What `conform list` shows. The JSON form is the catalog as data for other tools (the check
 * functions cannot be serialised, so `hasCheck` says whether there is one); the text form
 * groups claims by topic, one line each.
 */

export function claimToJson(claim: Claim): { [key: string]: Json } {
  // Every field is always present (null when it does not apply), so consumers need no guessing.
  return {
    id: claim.id,
    title: claim.title,
    topic: claim.topic,
    source: { doc: claim.source.doc, section: claim.source.section, quote: claim.source.quote },
    kind: claim.kind,
    reason: claim.reason ?? null,
    contest: claim.contest ? { says: claim.contest.says, actually: claim.contest.actually, evidence: claim.contest.evidence } : null,
    level: claim.level,
    capabilities: [...claim.capabilities],
    tags: [...claim.tags],
    status: claim.status ?? null,
    plannedIn: claim.plannedIn ?? null,
    hasCheck: claim.check !== undefined,
  };
}

/** Topics in the order they first appear in the catalog. */
export function topicsOf(claims: readonly Claim[]): string[] {
  return [...new Set(claims.map((c) => c.topic))];
}

export function listingText(claims: readonly Claim[]): string {
  const lines: string[] = [];
  const idWidth = Math.max(0, ...claims.map((c) => c.id.length));
  const kindWidth = Math.max(0, ...claims.map((c) => c.kind.length));
  for (const topic of topicsOf(claims)) {
    const inTopic = claims.filter((c) => c.topic === topic);
    lines.push(`${topic} (${inTopic.length})`);
    for (const c of inTopic) {
      const marks = [c.kind === 'contested' ? '[contested]' : '', c.status === 'pending' ? '[pending]' : ''].filter((m) => m !== '').join(' ');
      lines.push(`  ${c.id.padEnd(idWidth)}  ${c.kind.padEnd(kindWidth)}  ${c.level.padEnd(6)}  ${c.title}${marks === '' ? '' : `  ${marks}`}`);
    }
  }
  lines.push(`${claims.length} claim(s) in ${topicsOf(claims).length} topic(s)`);
  return lines.join('\n');
}

import { loadCatalog } from './catalog';
import { claimToJson, listingText, topicsOf } from './claim-listing';
import { UsageError } from './usage-error';

/** `conform list`: the catalog grouped by topic, or as JSON. */

export interface ListCommandOptions {
  json?: boolean;
  topic?: string;
  catalog?: string;
}

export function listCommand(options: ListCommandOptions): number {
  const catalog = loadCatalog(options.catalog);
  let claims = catalog;
  if (options.topic !== undefined) {
    claims = catalog.filter((c) => c.topic === options.topic);
    if (claims.length === 0) throw new UsageError(`no topic "${options.topic}"; topics: ${topicsOf(catalog).join(', ')}`);
  }
  process.stdout.write(options.json === true ? `${JSON.stringify(claims.map(claimToJson), null, 2)}\n` : `${listingText(claims)}\n`);
  return 0;
}

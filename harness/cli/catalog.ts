import * as path from 'node:path';
import type { Claim } from '../../spec/claim';

/**
 * Loading the claim catalog: by default the project's own (spec/index.ts); `--catalog <module>`
 * loads another module exporting `claims`, which is how tests run the CLI on claims of their
 * own and how a separate catalog could reuse this harness.
 */

export const DEFAULT_CATALOG = path.join(__dirname, '..', '..', 'spec', 'index.ts');

export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}

export function loadCatalog(modulePath: string = DEFAULT_CATALOG): readonly Claim[] {
  const resolved = path.resolve(modulePath);
  let loaded: { claims?: unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(resolved) as { claims?: unknown };
  } catch (e) {
    throw new CatalogError(`could not load the claim catalog ${resolved}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(loaded.claims)) throw new CatalogError(`${resolved} does not export an array named \`claims\``);
  const claims = loaded.claims as Claim[];
  const seen = new Set<string>();
  for (const claim of claims) {
    if (seen.has(claim.id)) throw new CatalogError(`the catalog has two claims with id "${claim.id}"`);
    seen.add(claim.id);
  }
  return claims;
}

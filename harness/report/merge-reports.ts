import { summarize, type ClaimResult, type RunReport } from '../runner/report-model';

/**
 * `conform report merge`: reports from several machines become one. Runs of the same
 * implementation (shards, or runs of different selections) are united into one run; runs of
 * different implementations stay separate and form the columns of the HTML matrix. A claim may
 * appear only once per implementation; a sharded set is complete only when every shard is there.
 * Baseline marks are dropped: the merged runs are compared afresh when a baseline is given.
 */

export interface MergeInput {
  file: string;
  runs: RunReport[];
}

export class MergeError extends Error {
  override readonly name = 'MergeError';
}

function implementationKey(run: RunReport): string {
  const { name, version, runtime } = run.implementation;
  return JSON.stringify([name, version, runtime]);
}

/** `position` orders claims (the catalog's order); claims it does not know keep their input order, last. */
export function mergeRuns(inputs: readonly MergeInput[], position: (claimId: string) => number | undefined = () => undefined): RunReport[] {
  const groups = new Map<string, { file: string; run: RunReport }[]>();
  for (const input of inputs) {
    for (const run of input.runs) {
      const key = implementationKey(run);
      groups.set(key, [...(groups.get(key) ?? []), { file: input.file, run }]);
    }
  }
  return [...groups.values()].map((parts) => mergeGroup(parts, position));
}

function mergeGroup(parts: { file: string; run: RunReport }[], position: (claimId: string) => number | undefined): RunReport {
  const first = parts[0].run;
  const owner = new Map<string, string>();
  const claims: { claim: ClaimResult; arrival: number }[] = [];
  for (const { file, run } of parts) {
    for (const claim of run.claims) {
      const previous = owner.get(claim.id);
      if (previous !== undefined) {
        throw new MergeError(`claim ${claim.id} of ${run.implementation.name} is in both ${previous} and ${file}: merge each shard or run once`);
      }
      owner.set(claim.id, file);
      const { baseline: _mark, ...rest } = claim;
      claims.push({ claim: rest, arrival: claims.length });
    }
  }
  const rank = (c: { claim: ClaimResult; arrival: number }) => position(c.claim.id) ?? Number.MAX_SAFE_INTEGER;
  claims.sort((a, b) => rank(a) - rank(b) || a.arrival - b.arrival);
  const merged = claims.map((c) => c.claim);

  const shards = parts.map((p) => p.run.shard);
  let shardsComplete = true;
  if (shards.some((s) => s !== undefined)) {
    const count = shards.find((s) => s !== undefined)!.count;
    if (shards.some((s) => s === undefined || s.count !== count)) {
      throw new MergeError(`runs of ${first.implementation.name} mix different shardings (or sharded and unsharded runs)`);
    }
    const indices = new Set(shards.map((s) => s!.index));
    if (indices.size !== shards.length) throw new MergeError(`a shard of ${first.implementation.name} is given twice`);
    shardsComplete = indices.size === count;
  }
  const selections = [...new Set(parts.flatMap((p) => p.run.selection))];
  return {
    formatVersion: first.formatVersion,
    implementation: first.implementation,
    startedAt: parts.map((p) => p.run.startedAt).sort()[0],
    finishedAt: parts.map((p) => p.run.finishedAt).sort().at(-1)!,
    complete: shardsComplete && parts.every((p) => p.run.complete),
    seed: first.seed,
    repeatScale: first.repeatScale,
    ...(first.timeScale === undefined ? {} : { timeScale: first.timeScale }),
    selection: selections,
    summary: summarize(merged),
    claims: merged,
    planned: parts.reduce((n, p) => n + (p.run.planned ?? p.run.claims.length), 0),
    mergedFrom: parts.map((p) => ({ file: p.file, ...(p.run.shard === undefined ? {} : { shard: p.run.shard }), complete: p.run.complete })),
  };
}

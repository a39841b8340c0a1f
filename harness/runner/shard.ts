/**
 * `--shard i/n`: the selected claims are dealt round-robin into n parts and a run takes the
 * i-th (1-based). The partition depends only on the selection (same catalog, same patterns), so
 * every machine of a CI matrix computes the same one; dealing spreads each topic, and so the
 * expensive executable claims, evenly over the shards.
 */

import type { Shard } from './report-model';

export class ShardSyntaxError extends Error {
  override readonly name = 'ShardSyntaxError';
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (m === null) throw new ShardSyntaxError(`--shard takes i/n, e.g. 2/4; got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new ShardSyntaxError(`--shard ${text}: need 1 <= i <= n`);
  return { index, count };
}

export function shardOf<T>(items: readonly T[], shard: Shard): T[] {
  return items.filter((_, position) => position % shard.count === shard.index - 1);
}

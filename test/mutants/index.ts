import * as path from 'node:path';

/** Every mutant module in this directory, one defect each. */
export const MUTANT_MODULES: readonly string[] = [
  'lock-not-exclusive',
  'lock-release-unchecked',
  'rlock-not-reentrant',
  'semaphore-off-by-one',
  'bounded-semaphore-unchecked',
  'event-wakes-one',
  'event-wait-ignores-flag',
  'lifo-is-fifo',
  'priority-reversed',
  'put-never-blocks',
  'task-done-unchecked',
  'join-when-empty',
  'get-timeout-never-fires',
  'daemon-outlives-main',
  'pool-callback-in-worker',
  'decoder-one-recv',
  'udp-merges-datagrams',
].map((name) => path.join(__dirname, `${name}.ts`));

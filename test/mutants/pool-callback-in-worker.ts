import type { Mutant } from './mutant';
import type { ProcessMutant } from './process-mutant-implementation';

export const mutant: Mutant = {
  name: 'pool-callback-in-worker',
  defect: "apply_async's callback runs in the worker process that ran the task, not in the main process",
  breaks: 'pools',
  caughtBy: ['pool.callback-in-main-process'],
  onlyTagged: ['callback'],
};

/** test/mutants/programs/pool-apply.ts: the reference's program on a Pool with that defect. */
export const processMutant: ProcessMutant = { programs: ['pool-apply'] };

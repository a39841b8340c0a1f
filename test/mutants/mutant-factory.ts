import type { Implementation } from '../../harness/implementation';
import type { Mutant } from './mutant';
import { MutantImplementation } from './mutant-implementation';
import { ProcessMutantImplementation, type ProcessMutant } from './process-mutant-implementation';

/** A mutant module is run on the executor its defect lives in: a thread binding, or the process level. */
export type AnyMutantImplementation = (MutantImplementation | ProcessMutantImplementation) & Implementation & { readonly mutant: Mutant };

export function createMutantImplementation(module: string): AnyMutantImplementation {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(module) as { mutant?: Mutant; processMutant?: ProcessMutant };
  if (loaded.mutant === undefined) throw new Error(`${module} does not export \`mutant\``);
  return loaded.processMutant !== undefined ? new ProcessMutantImplementation(loaded.mutant, loaded.processMutant) : new MutantImplementation(module);
}

/** Nothing the mutant started is still alive (worker threads, or actor processes). */
export function leftovers(implementation: AnyMutantImplementation): number {
  return implementation instanceof MutantImplementation ? implementation.workerStats().live : implementation.leftovers();
}

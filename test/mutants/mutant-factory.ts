import type { Implementation } from '../../harness/implementation';
import type { Mutant } from './mutant';
import { MutantImplementation } from './mutant-implementation';
import { ProcessMutantImplementation, type ProcessMutant } from './process-mutant-implementation';
import { ServerMutantImplementation } from './server-mutant-implementation';
import type { ServerFactory } from '../../harness/adapters/reference/servers';

/** A mutant module is run on the executor its defect lives in: a thread binding, the process level, or servers. */
export type AnyMutantImplementation = (MutantImplementation | ProcessMutantImplementation | ServerMutantImplementation) & Implementation & { readonly mutant: Mutant };

export function createMutantImplementation(module: string): AnyMutantImplementation {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(module) as { mutant?: Mutant; processMutant?: ProcessMutant; servers?: ServerFactory[] };
  if (loaded.mutant === undefined) throw new Error(`${module} does not export \`mutant\``);
  if (loaded.servers !== undefined) return new ServerMutantImplementation(loaded.mutant, loaded.servers);
  return loaded.processMutant !== undefined ? new ProcessMutantImplementation(loaded.mutant, loaded.processMutant) : new MutantImplementation(module);
}

/** Nothing the mutant started is still alive (worker threads, actor processes, or servers). */
export function leftovers(implementation: AnyMutantImplementation): number {
  return implementation instanceof MutantImplementation ? implementation.workerStats().live : implementation.leftovers();
}

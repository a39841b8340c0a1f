import * as path from 'node:path';
import { isCapability } from '../../capability';
import type { Implementation } from '../../implementation';

/**
 * `--impl ./path/to/module`: an Implementation written in TypeScript (or JavaScript) that runs in
 * the harness's own process. The contract (docs/writing-an-adapter.md):
 *
 *   export const createImplementation: ImplementationFactory = async () => new MyImplementation();
 *
 * or the same function as the module's default export. The module is loaded with require(), so
 * under `conform` (which runs through tsx) a .ts file works as it is.
 */

export type ImplementationFactory = () => Implementation | Promise<Implementation>;

export interface ImplementationModule {
  createImplementation?: ImplementationFactory;
  default?: ImplementationFactory | { createImplementation?: ImplementationFactory };
}

/** The module could not be loaded, exports no factory, or its factory made no valid Implementation. */
export class ImplementationModuleError extends Error {
  override readonly name = 'ImplementationModuleError';
}

function factoryOf(loaded: ImplementationModule): ImplementationFactory | undefined {
  if (typeof loaded.createImplementation === 'function') return loaded.createImplementation;
  if (typeof loaded.default === 'function') return loaded.default;
  if (typeof loaded.default === 'object' && loaded.default !== null && typeof loaded.default.createImplementation === 'function') {
    return loaded.default.createImplementation;
  }
  return undefined;
}

/** What is wrong with a would-be Implementation, or undefined if nothing. */
export function implementationProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return `it returned ${value === null ? 'null' : typeof value}, not an object`;
  const impl = value as Record<string, unknown>;
  for (const key of ['name', 'version', 'runtime']) {
    if (typeof impl[key] !== 'string' || impl[key] === '') return `its \`${key}\` is not a non-empty string`;
  }
  if (!(impl.capabilities instanceof Set)) return '`capabilities` is not a Set';
  const unknown = [...(impl.capabilities as Set<unknown>)].filter((c) => typeof c !== 'string' || !isCapability(c));
  if (unknown.length > 0) return `it declares capabilities this harness does not know: ${unknown.map(String).join(', ')} (see harness/capability.ts)`;
  for (const key of ['runScenario', 'close']) {
    if (typeof impl[key] !== 'function') return `\`${key}\` is not a function`;
  }
  return undefined;
}

export async function loadImplementationModule(spec: string, cwd = process.cwd()): Promise<Implementation> {
  const file = path.resolve(cwd, spec);
  let loaded: ImplementationModule;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(file) as ImplementationModule;
  } catch (e) {
    throw new ImplementationModuleError(`--impl ${spec}: could not load ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const factory = factoryOf(loaded);
  if (factory === undefined) {
    throw new ImplementationModuleError(`--impl ${spec}: the module exports no \`createImplementation\` function (nor a default export that is one)`);
  }
  let implementation: unknown;
  try {
    implementation = await factory();
  } catch (e) {
    throw new ImplementationModuleError(`--impl ${spec}: createImplementation() threw: ${e instanceof Error ? e.message : String(e)}`);
  }
  const problem = implementationProblem(implementation);
  if (problem !== undefined) throw new ImplementationModuleError(`--impl ${spec}: createImplementation() did not make an Implementation: ${problem}`);
  return implementation as Implementation;
}

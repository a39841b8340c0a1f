import type { Implementation } from '../implementation';

/**
 * How `--impl <spec>` becomes an Implementation. Each resolver claims a form of spec: a plain
 * name (`reference`, later `python`), a module path (`./path/to/module`), or a command
 * (`cmd:...`). Adding an adapter means adding a resolver; the CLI does not change.
 */

export interface ImplementationResolver {
  /** How the spec looks, for help and error messages, e.g. `reference` or `./path/to/module`. */
  readonly form: string;
  readonly description: string;
  /** Whether this resolver is the one for `spec` (the first that says yes is used). */
  accepts(spec: string): boolean;
  create(spec: string): Promise<Implementation>;
}

/** The spec named something no resolver accepts, or a form that is not available yet. */
export class UnknownImplementationError extends Error {
  override readonly name = 'UnknownImplementationError';
}

const notYet = (form: string, what: string): ImplementationResolver => ({
  form,
  description: `${what} (not available yet)`,
  accepts: (spec) => (form.startsWith('cmd:') ? spec.startsWith('cmd:') : spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/')),
  create: (spec) => Promise.reject(new UnknownImplementationError(`--impl ${spec}: ${what} adapters are not available yet; use one of: ${namedImplementations().join(', ')}`)),
});

const named = (name: string, description: string, create: () => Promise<Implementation>): ImplementationResolver => ({
  form: name,
  description,
  accepts: (spec) => spec === name,
  create,
});

export const RESOLVERS: readonly ImplementationResolver[] = [
  named('reference', 'the built-in TypeScript reference implementation (impl/), actors on worker threads', async () => {
    // Loaded on demand: `conform list` should not load the implementation at all.
    // (require, not import(): tsx's CommonJS loader leaves import() to Node's ESM resolver.)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ReferenceImplementation } = require('../adapters/reference/reference') as typeof import('../adapters/reference/reference');
    return new ReferenceImplementation();
  }),
  notYet('./path/to/module', 'a module exporting an Implementation'),
  notYet('cmd:<command line>', 'an implementation in another process, spoken to over stdio'),
];

export function namedImplementations(): string[] {
  return RESOLVERS.filter((r) => !r.form.includes('/') && !r.form.includes(':')).map((r) => r.form);
}

export async function resolveImplementation(spec: string): Promise<Implementation> {
  const resolver = RESOLVERS.find((r) => r.accepts(spec));
  if (resolver === undefined) {
    const forms = RESOLVERS.map((r) => `  ${r.form}: ${r.description}`).join('\n');
    throw new UnknownImplementationError(`unknown implementation "${spec}"; --impl takes one of:\n${forms}`);
  }
  return resolver.create(spec);
}

import type { Implementation } from '../implementation';
import { TASK_ADAPTERS } from '../adapters/tasks/task-adapters';

/**
 * How `--impl <spec>` becomes an Implementation. Each resolver claims a form of spec: a plain
 * name (`reference`, `python`), a module path (`./path/to/module`), or a command
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

/** The spec named something no resolver accepts, or an implementation that could not be loaded or started. */
export class UnknownImplementationError extends Error {
  override readonly name = 'UnknownImplementationError';
}

/** Loaded on demand: `conform list` should not load any adapter. (require, not import(): tsx's CommonJS loader leaves import() to Node's ESM resolver.) */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const processAdapters = () => require('../adapters/process/adapter-pool') as typeof import('../adapters/process/adapter-pool');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const adapterCommands = () => require('../adapters/process/adapter-commands') as typeof import('../adapters/process/adapter-commands');

/** Starts an out-of-process adapter; a failed start or handshake is the user's to fix, so it is reported like an unknown spec. */
async function startProcessAdapter(spec: string, command: () => import('../adapters/process/process-group').AdapterCommand): Promise<Implementation> {
  const { AdapterPool } = processAdapters();
  try {
    // More copies start only when claims run side by side (--concurrency).
    return await AdapterPool.start({ command: command() });
  } catch (e) {
    throw new UnknownImplementationError(`--impl ${spec}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const isModulePath = (spec: string) => spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/');

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
  named('python', "CPython's threading, queue and sockets through adapters/python/driver.py, on the machine's python3 (or $CONFORM_PYTHON)", () =>
    startProcessAdapter('python', () => adapterCommands().pythonCommand()),
  ),
  // Task-level implementations (reference-aio and the npm libraries), each in a task host worker.
  ...TASK_ADAPTERS.map((adapter) =>
    named(adapter.name, adapter.description, async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { TaskHostImplementation } = require('../adapters/tasks/task-host') as typeof import('../adapters/tasks/task-host');
      return new TaskHostImplementation({ bindingModule: adapter.bindingModule });
    }),
  ),
  {
    form: './path/to/module',
    description: 'a module exporting `createImplementation()` that returns an Implementation, run in this process (docs/writing-an-adapter.md)',
    accepts: isModulePath,
    create: async (spec) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { loadImplementationModule } = require('../adapters/module/module-implementation') as typeof import('../adapters/module/module-implementation');
      try {
        return await loadImplementationModule(spec);
      } catch (e) {
        throw new UnknownImplementationError(e instanceof Error ? e.message : String(e));
      }
    },
  },
  {
    form: 'cmd:<command line>',
    description: 'an adapter in another process, in any language, spoken to over stdio (docs/adapter-protocol.md)',
    accepts: (spec) => spec.startsWith('cmd:'),
    create: (spec) => startProcessAdapter(spec, () => adapterCommands().shellCommand(spec)),
  },
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

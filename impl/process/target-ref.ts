import { PicklingError } from './errors';
import { runtime } from './runtime';

/**
 * Naming code by reference, the way pickle does: a function or class crosses to another
 * process as "export `name` of module `path`", and the other side loads that module and takes
 * the export. So a target must be exported by a module (a lambda or a local function cannot be
 * a target, as in CPython under the spawn start method).
 *
 * Modules are found in require.cache, and in the modules registered with shareModule() (a
 * child registers the module it was started from, since its bundle has no require.cache
 * entries for the original files).
 */

export interface ExportRef {
  /** Absolute path of the module's source file. */
  module: string;
  /** The export's name, or '' when the module's exports object itself is the value. */
  name: string;
}

/** Makes a module's exports nameable as targets (for loaders without require.cache). */
export function shareModule(mod: { filename: string; exports: unknown }): void {
  runtime().modules.set(mod.filename, mod.exports as Record<string, unknown>);
}

function* candidates(): Generator<[string, unknown]> {
  yield* runtime().modules.entries();
  for (const [file, mod] of Object.entries(require.cache)) {
    if (mod !== undefined && !file.includes('node_modules')) yield [file, mod.exports];
  }
}

/**
 * Refs found before. Scanning every loaded module's exports costs ~170 µs with the reference's
 * own modules loaded, which dominated a profile of many tiny Pool tasks; a hit is re-checked
 * against the module's current exports, so a ref is never used once it no longer names `value`.
 */
const knownRefs = new WeakMap<object, ExportRef>();

function currentExport(ref: ExportRef): unknown {
  const exports = runtime().modules.get(ref.module) ?? require.cache[ref.module]?.exports;
  if (ref.name === '') return exports;
  if (typeof exports !== 'object' || exports === null) return undefined;
  try {
    return (exports as Record<string, unknown>)[ref.name];
  } catch {
    return undefined;
  }
}

export function exportRefOf(value: object, what: string): ExportRef {
  const known = knownRefs.get(value);
  if (known !== undefined && currentExport(known) === value) return known;
  const found = scanForExport(value);
  if (found !== undefined) {
    knownRefs.set(value, found);
    return found;
  }
  const label = (value as { name?: string }).name || '<anonymous>';
  throw new PicklingError(`Can't send ${what} ${label} to another process: no loaded module exports it (export it from a module, or call shareModule(module) there)`);
}

function scanForExport(value: object): ExportRef | undefined {
  for (const [module, exports] of candidates()) {
    if (exports === value) return { module, name: '' };
    if (typeof exports !== 'object' || exports === null) continue;
    for (const name of Object.keys(exports)) {
      let exported: unknown;
      try {
        exported = (exports as Record<string, unknown>)[name];
      } catch {
        continue;
      }
      if (exported === value) return { module, name };
    }
  }
  return undefined;
}

export function resolveExportRef(ref: ExportRef): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports = runtime().modules.get(ref.module) ?? (require(ref.module) as Record<string, unknown>);
  const value = ref.name === '' ? exports : exports[ref.name];
  if (value === undefined) throw new PicklingError(`module ${ref.module} has no export ${ref.name}`);
  return value;
}

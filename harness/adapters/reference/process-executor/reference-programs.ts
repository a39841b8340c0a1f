import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProgramLocator } from './program-runner';

/**
 * The reference implementation's example programs: impl/examples/<name>.ts, each runnable on
 * its own (`npx tsx impl/examples/<name>.ts '{"unitMs": 200}'`), run here through tsx so that
 * the functions they start processes on can be found by module (impl/process/target-ref.ts).
 */

export const REFERENCE_EXAMPLES_DIR = path.join(__dirname, '..', '..', '..', '..', 'impl', 'examples');

export const referencePrograms: ProgramLocator = (name, argsJson) => {
  const file = path.join(REFERENCE_EXAMPLES_DIR, `${name}.ts`);
  if (!fs.existsSync(file)) return undefined;
  return { command: process.execPath, args: ['--require', require.resolve('tsx/cjs'), file, argsJson] };
};

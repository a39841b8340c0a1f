import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AdapterCommand } from './process-group';

/**
 * The commands behind `--impl python` and `--impl "cmd:<command line>"`. A command line is
 * given to `/bin/sh -c` exactly as typed, so quoting, environment assignments and pipelines work
 * as in a terminal; the shell and everything it starts share the adapter's process group.
 */

export const PYTHON_DRIVER = path.join(__dirname, '..', '..', '..', 'adapters', 'python', 'driver.py');

const interpreters = new Map<string, string>();

/**
 * The interpreter behind `python3` as an absolute path, asked once. Version managers put a shell
 * script shim first on PATH (pyenv's costs ~0.4 s a start), and the driver is restarted after
 * every deadline, so it is started by its real path. Falls back to the name as given, so that a
 * missing python3 is reported by the start itself.
 */
function realInterpreter(python: string): string {
  const known = interpreters.get(python);
  if (known !== undefined) return known;
  let resolved = python;
  try {
    const executable = execFileSync(python, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (path.isAbsolute(executable) && fs.existsSync(executable)) resolved = executable;
  } catch {
    // not runnable: ProcessGroup.start will say why
  }
  interpreters.set(python, resolved);
  return resolved;
}

/** The machine's python3, or CONFORM_PYTHON when set (e.g. to try another interpreter). */
export function pythonCommand(env: NodeJS.ProcessEnv = process.env): AdapterCommand {
  const python = env.CONFORM_PYTHON !== undefined && env.CONFORM_PYTHON !== '' ? env.CONFORM_PYTHON : 'python3';
  // -B: no __pycache__ in the source tree; -u: stdio unbuffered (the driver flushes anyway).
  return {
    file: realInterpreter(python),
    args: ['-B', '-u', PYTHON_DRIVER],
    env: { ...env, PYTHONDONTWRITEBYTECODE: '1' },
    display: `${python} ${path.relative(process.cwd(), PYTHON_DRIVER)}`,
  };
}

export const COMMAND_PREFIX = 'cmd:';

export function shellCommand(spec: string): AdapterCommand {
  const line = spec.startsWith(COMMAND_PREFIX) ? spec.slice(COMMAND_PREFIX.length) : spec;
  if (line.trim() === '') throw new Error('cmd: needs a command line, e.g. "cmd:python3 my_adapter.py"');
  return { file: '/bin/sh', args: ['-c', line], display: line.trim() };
}

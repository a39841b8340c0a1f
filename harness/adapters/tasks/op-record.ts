import type { Json, Op } from '../../scenario/model';

/**
 * What an op contributes to its history events besides its name: the object or actor it is
 * about (`target`) and its other fields as given (`args`). Kept identical to what the thread
 * executor records, so that checkers see the same history from either executor.
 */

export function subjectOf(op: Op): { target?: string } {
  if ('target' in op) return { target: op.target };
  if ('actor' in op) return { target: op.actor };
  return {};
}

/** The op's other fields as given in the scenario, or undefined when it has none. */
export function argsOf(op: Op): { [key: string]: Json } | undefined {
  const args: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(op)) {
    if (key === 'op' || key === 'target' || key === 'actor' || value === undefined) continue;
    args[key] = value as Json;
  }
  return Object.keys(args).length === 0 ? undefined : args;
}

/** A Python-named error raised by the executor's own ops (start, join, registers). */
export function pythonError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

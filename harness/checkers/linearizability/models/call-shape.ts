import type { Json } from '../../../scenario/model';
import type { CallInput, CallOutput } from '../history';

/**
 * The models read operations in the shape `operationsFromHistory` produces; anything else is a
 * programming error in the caller, so it is refused loudly instead of judged "not allowed".
 */
export function callOf(input: unknown, output: unknown): { f: string; args: { [key: string]: Json }; out: CallOutput } {
  const i = input as CallInput | undefined;
  const o = output as CallOutput | undefined;
  if (typeof i?.f !== 'string' || typeof i.args !== 'object' || i.args === null || typeof o?.outcome !== 'string') {
    throw new TypeError(`not an operation from operationsFromHistory: ${JSON.stringify({ input, output })}`);
  }
  return { f: i.f, args: i.args, out: o };
}

/** Whether a completed call returned exactly `value` (booleans from acquire, wait, is_set...). */
export function returned(out: CallOutput, value: Json): boolean {
  return out.outcome === 'ok' && out.value === value;
}

export function raised(out: CallOutput, error: string): boolean {
  return out.outcome === 'fail' && out.error === error;
}

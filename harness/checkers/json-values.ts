import { pythonEquals, pythonLessThan } from '../../impl/shared/python-order';
import type { Json } from '../scenario/model';

/**
 * Comparing recorded JSON values. Items travel through queues and across language boundaries as
 * JSON, so identity is structural: two items are "the same item" when their canonical keys match.
 * Ordering follows Python, because priority queues in the documents order items with Python's `<`.
 */

/** A canonical string for a JSON value: object keys sorted, so `{a,b}` and `{b,a}` agree. */
export function valueKey(value: Json | undefined): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(valueKey).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${valueKey(value[k])}`).join(',')}}`;
}

/** Structural equality of JSON values (Jest-like, not Python-like: `1` and `true` differ). */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  return valueKey(a) === valueKey(b);
}

/** Short rendering of a value for messages; long values are cut so a message stays one line. */
export function formatValue(value: Json | undefined, maxLength = 60): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** Python's `==` over JSON values: numbers and booleans compare numerically, containers deeply. */
export function pythonEqual(a: Json, b: Json): boolean {
  return pythonEquals(a, b);
}

/**
 * Python's ordering: negative when `a < b`, positive when `a > b`, 0 when equal, `undefined`
 * where Python raises TypeError (mixed types, None, dicts) or where neither side is smaller nor
 * are they equal (NaN). Lists and tuples (JSON arrays) compare lexicographically, as Python
 * does: the first unequal elements decide.
 */
export function comparePython(a: Json, b: Json): number | undefined {
  try {
    if (pythonLessThan(a, b)) return -1;
    if (pythonLessThan(b, a)) return 1;
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
  return pythonEquals(a, b) ? 0 : undefined;
}

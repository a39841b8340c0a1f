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

function asPythonNumber(value: Json): number | undefined {
  // Python's bool is an int subclass: True == 1 and True < 2.
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  return undefined;
}

/** Python's `==` over JSON values: numbers and booleans compare numerically, containers deeply. */
export function pythonEqual(a: Json, b: Json): boolean {
  const na = asPythonNumber(a);
  const nb = asPythonNumber(b);
  if (na !== undefined || nb !== undefined) return na !== undefined && nb !== undefined && na === nb;
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => pythonEqual(x, b[i]!));
  }
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => pythonEqual(a[k]!, b[k]!));
}

function compareCodePoints(a: string, b: string): number {
  // Python compares strings by code point; JS `<` compares UTF-16 units, which differs above U+FFFF.
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/**
 * Python's ordering: negative when `a < b`, positive when `a > b`, 0 when equal, `undefined`
 * where Python raises TypeError (mixed types, None, dicts, NaN). Lists and tuples (JSON arrays)
 * compare lexicographically, as Python does: the first unequal elements decide.
 */
export function comparePython(a: Json, b: Json): number | undefined {
  const na = asPythonNumber(a);
  const nb = asPythonNumber(b);
  if (na !== undefined && nb !== undefined) {
    if (Number.isNaN(na) || Number.isNaN(nb)) return undefined;
    return na < nb ? -1 : na > nb ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (pythonEqual(a[i]!, b[i]!)) continue;
      return comparePython(a[i]!, b[i]!);
    }
    return a.length - b.length === 0 ? 0 : a.length < b.length ? -1 : 1;
  }
  return undefined;
}

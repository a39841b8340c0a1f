/**
 * `json.dumps(obj)` with CPython's defaults, byte for byte: `", "` and `": "` separators,
 * `ensure_ascii=True` (everything outside printable ASCII as a lowercase `\uXXXX`, characters
 * beyond the BMP as surrogate pairs), keys in insertion order. The documents' framing sends
 * `json.dumps(head).encode('utf-8')` and announces its length, so producing the same bytes
 * makes our frames identical to theirs and the header length comparable across languages.
 *
 * Numbers: JavaScript has one number type, so a safe integer is written as a Python int (`12`,
 * never `12.0`) and any other finite value (fractions, and integral values beyond 2**53, which
 * only a float can have produced) with Python's float repr. NaN and the
 * infinities are refused: CPython would write `NaN`/`Infinity`, which is not JSON and which no
 * JSON parser outside Python reads back.
 */
export type PythonJson = null | boolean | number | string | PythonJson[] | { [key: string]: PythonJson };

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

export function pythonJsonDumps(value: PythonJson): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${pythonString(k)}: ${pythonJsonDumps(v)}`);
    return `{${entries.join(', ')}}`;
  }
  throw new TypeError(`Object of type ${typeof value} is not JSON serializable`);
}

function pythonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = s.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) out += short;
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    // A JavaScript string is UTF-16 already, so escaping unit by unit gives Python's surrogate pairs.
    else out += `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return out + '"';
}

function pythonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`${n} is not JSON: refusing to write it (CPython would write ${n > 0 ? 'Infinity' : n < 0 ? '-Infinity' : 'NaN'})`);
  if (Number.isSafeInteger(n)) return String(n);
  return pythonFloatRepr(n);
}

/**
 * repr(float) in CPython: the shortest digits that round-trip (the same digits JavaScript
 * picks), positional when the decimal exponent is in [-4, 16), scientific otherwise with a
 * signed exponent of at least two digits.
 */
function pythonFloatRepr(n: number): string {
  const [mantissa, exponentText] = Math.abs(n).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  const sign = n < 0 ? '-' : '';
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1);
    return `${sign}${intPart}.${fraction === '' ? '0' : fraction}`;
  }
  const expSign = exponent < 0 ? '-' : '+';
  const expDigits = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${mantissa}e${expSign}${expDigits}`;
}

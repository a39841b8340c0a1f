/**
 * The documents' JSON header: `{'md5': ..., 'file_name': ..., 'file_size': len(body)}`, and the
 * rules a receiver applies before trusting it. `file_size` decides how many bytes the receiver
 * reads next, so it is checked hardest: a non-negative integer within the receiver's limit.
 */
import { createHash } from 'node:crypto';
import type { PythonJson } from './python-json-dumps';

export interface FileHeader {
  file_name: string;
  /** The body's length in bytes. */
  file_size: number;
  /** Hex MD5 of the body (the documents send a placeholder; `fileMessage` computes the real one). */
  md5: string;
  /** Anything else the sender adds (003's upload adds `new_file_name`). */
  [extra: string]: PythonJson;
}

/**
 * `strict`: file_name, file_size and md5 must all be present with their types. `lenient`: only
 * file_size is required; file_name and md5 are type-checked when present. 003's upload client
 * sends `'MD5': 123244546656` and no `md5`, which only the lenient mode accepts.
 */
export type HeaderMode = 'strict' | 'lenient';

/** A header that passed `checkHeader` in lenient mode. */
export interface LenientFileHeader {
  file_size: number;
  file_name?: string;
  md5?: string;
  [extra: string]: PythonJson | undefined;
}

export function md5Hex(body: Uint8Array): string {
  return createHash('md5').update(body).digest('hex');
}

/** A header describing `body`, with its real size and MD5. */
export function fileHeaderFor(fileName: string, body: Uint8Array, extra: Record<string, PythonJson> = {}): FileHeader {
  return { ...extra, md5: md5Hex(body), file_name: fileName, file_size: body.length };
}

/** Why `value` is not an acceptable header, or null when it is. */
export function headerProblem(value: unknown, mode: HeaderMode): { code: 'header-not-object' | 'header-field'; message: string } | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return { code: 'header-not-object', message: `the header must be a JSON object, got ${kind}` };
  }
  const header = value as Record<string, unknown>;
  const size = header['file_size'];
  if (size === undefined) return { code: 'header-field', message: 'the header has no file_size' };
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    return { code: 'header-field', message: `file_size must be a non-negative integer, got ${JSON.stringify(size)}` };
  }
  for (const field of ['file_name', 'md5'] as const) {
    const v = header[field];
    if (v === undefined) {
      if (mode === 'strict') return { code: 'header-field', message: `the header has no ${field}` };
    } else if (typeof v !== 'string') {
      return { code: 'header-field', message: `${field} must be a string, got ${JSON.stringify(v)}` };
    }
  }
  return null;
}

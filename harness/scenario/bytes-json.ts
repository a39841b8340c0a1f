import type { Json } from './model';

/**
 * Bytes as they appear in scenarios and histories (socket-model.ts, BytesExpr). Results are
 * text when the bytes are valid UTF-8 (so histories stay readable: `"helloworld"`), else
 * `{ "base64": … }`; either form decodes back to exactly the same bytes.
 */

// ignoreBOM keeps a leading EF BB BF as U+FEFF (as CPython's bytes.decode does) instead of dropping it.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function bytesToJson(bytes: Uint8Array): Json {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return { base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64') };
  }
}

/** The bytes a JSON form stands for, or undefined if it is not a bytes form (text, base64 or fill). */
export function jsonToBytes(value: unknown): Buffer | undefined {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.base64 === 'string' && Object.keys(record).length === 1) return Buffer.from(record.base64, 'base64');
  if (typeof record.fill === 'string' && typeof record.size === 'number' && Object.keys(record).length === 2) {
    return filled(record.fill, record.size);
  }
  return undefined;
}

/** `size` bytes of `text`'s UTF-8 encoding, repeated (and cut at the end). */
export function filled(text: string, size: number): Buffer {
  const unit = Buffer.from(text, 'utf8');
  return unit.length === 0 ? Buffer.alloc(size) : Buffer.alloc(size, unit);
}

/** bytes.upper(): ASCII letters only, as CPython's bytes methods do. */
export function asciiUpper(bytes: Uint8Array): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < out.length; i++) if (out[i] >= 0x61 && out[i] <= 0x7a) out[i] -= 0x20;
  return out;
}

/** The length in bytes of a JSON bytes form, for judges; undefined if it is not one. */
export function byteLength(value: unknown): number | undefined {
  return jsonToBytes(value)?.length;
}

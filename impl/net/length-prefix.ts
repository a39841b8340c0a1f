/**
 * The documents' 4-byte length prefix: `struct.pack('i', n)` and `struct.unpack('i', b)[0]`.
 *
 * `'i'` is a C int in the machine's native byte order and size: 4 bytes little-endian on x86-64
 * and arm64 Linux, macOS and Windows, which is every machine the documents' readers run. Both
 * ends must agree, so the choice is explicit here: the default is little-endian (what `'i'`
 * produces on those machines, so frames interoperate with the documents' Python programs), and
 * `'big'` is network order, what the portable format `'!i'` produces.
 */
import * as os from 'node:os';

export type ByteOrder = 'little' | 'big';

/** What `struct.pack('i', n)` produces on x86-64 Linux, the documents' platform. */
export const DEFAULT_BYTE_ORDER: ByteOrder = 'little';

/** What `struct.pack('!i', n)` produces on every machine. */
export const NETWORK_BYTE_ORDER: ByteOrder = 'big';

/** The order `'i'` would use on the machine running this code. */
export function nativeByteOrder(): ByteOrder {
  return os.endianness() === 'LE' ? 'little' : 'big';
}

export const LENGTH_PREFIX_BYTES = 4;
export const INT32_MIN = -(2 ** 31);
export const INT32_MAX = 2 ** 31 - 1;

/** Python's `struct.error`, with CPython 3.11's messages. */
export class StructError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StructError';
  }
}

/** `struct.pack('i', n)` (little) or `struct.pack('!i', n)` (big). */
export function packInt32(n: number, order: ByteOrder = DEFAULT_BYTE_ORDER): Buffer {
  if (!Number.isInteger(n)) throw new StructError('required argument is not an integer');
  if (n < INT32_MIN || n > INT32_MAX) throw new StructError("'i' format requires -2147483648 <= number <= 2147483647");
  const bytes = Buffer.alloc(LENGTH_PREFIX_BYTES);
  if (order === 'little') bytes.writeInt32LE(n, 0);
  else bytes.writeInt32BE(n, 0);
  return bytes;
}

/** `struct.unpack('i', b)[0]`: signed, so a corrupted prefix can read as negative. */
export function unpackInt32(bytes: Uint8Array, order: ByteOrder = DEFAULT_BYTE_ORDER): number {
  if (bytes.length !== LENGTH_PREFIX_BYTES) throw new StructError('unpack requires a buffer of 4 bytes');
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return order === 'little' ? view.readInt32LE(0) : view.readInt32BE(0);
}

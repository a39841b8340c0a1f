/**
 * How a queue item is turned into bytes for the shared item store and back. Values that the
 * structured-clone algorithm would copy trivially (numbers, strings, booleans, null, undefined)
 * get a one-byte tag and their raw payload; everything else is `v8.serialize`d. A v8 stream
 * always starts with its version tag 0xFF, so the small tags below can never be mistaken for
 * one. The result of `decodeItem` is exactly what `v8.deserialize(v8.serialize(item))` gives
 * (-0, NaN and lone surrogates included); the fast path only skips the serializer objects and
 * per-item allocations, which dominated a profile of the queue benchmark.
 */
import * as v8 from 'node:v8';

const NUMBER = 0x01;
const STRING = 0x02;
const TRUE = 0x03;
const FALSE = 0x04;
const NULL = 0x05;
const UNDEFINED = 0x06;

const NUMBER_BYTES = 9;

// One scratch per thread for the fixed-size encodings: the store copies it before the next
// encode can run (put encodes, then appends under the mutex, synchronously).
const scratch = new Uint8Array(NUMBER_BYTES);
const TRUE_BYTES = Uint8Array.of(TRUE);
const FALSE_BYTES = Uint8Array.of(FALSE);
const NULL_BYTES = Uint8Array.of(NULL);
const UNDEFINED_BYTES = Uint8Array.of(UNDEFINED);

// Items sit at unaligned offsets, so a number's payload goes through an aligned Float64 cell.
const float = new Float64Array(1);
const floatBytes = new Uint8Array(float.buffer);

/**
 * The item's bytes. May return a shared scratch buffer, valid only until the next call on this
 * thread; throws DataCloneError (from v8) for an item that cannot be cloned.
 */
export function encodeItem(item: unknown): Uint8Array {
  switch (typeof item) {
    case 'number':
      float[0] = item;
      scratch[0] = NUMBER;
      scratch.set(floatBytes, 1);
      return scratch;
    case 'string': {
      const bytes = Buffer.allocUnsafe(1 + 2 * item.length);
      bytes[0] = STRING;
      bytes.write(item, 1, 'utf16le');
      return bytes;
    }
    case 'boolean':
      return item ? TRUE_BYTES : FALSE_BYTES;
    case 'undefined':
      return UNDEFINED_BYTES;
    default:
      return item === null ? NULL_BYTES : v8.serialize(item);
  }
}

/** Decodes the `size` bytes at `offset` of `data` (a view of a SharedArrayBuffer). */
export function decodeItem(data: Uint8Array, offset: number, size: number): unknown {
  switch (data[offset]) {
    case NUMBER:
      for (let i = 0; i < 8; i++) floatBytes[i] = data[offset + 1 + i];
      return float[0];
    case STRING:
      return Buffer.from(data.buffer, data.byteOffset + offset + 1, size - 1).toString('utf16le');
    case TRUE:
      return true;
    case FALSE:
      return false;
    case NULL:
      return null;
    case UNDEFINED:
      return undefined;
    default:
      // Copied out of shared memory first: the deserializer must not see bytes another thread
      // may overwrite once the mutex is released.
      return v8.deserialize(Buffer.from(data.subarray(offset, offset + size)));
  }
}

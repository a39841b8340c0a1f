// The queue's item codec must give exactly what a structured clone (v8 serialize/deserialize)
// gives, for the fast-path primitives and for everything else, at any offset in shared memory.
import * as v8 from 'node:v8';
import fc from 'fast-check';
import { decodeItem, encodeItem } from '../../impl/queue/item-codec';

function roundTrip(item: unknown, offset = 3): unknown {
  const bytes = encodeItem(item);
  const shared = new Uint8Array(new SharedArrayBuffer(offset + bytes.length + 5));
  shared.set(bytes, offset);
  return decodeItem(shared, offset, bytes.length);
}

const clone = (item: unknown): unknown => v8.deserialize(v8.serialize(item));

test('primitives and their corner cases decode as a structured clone does', () => {
  const corner = [0, -0, NaN, Infinity, -Infinity, 2 ** 53, 1.5, -7, '', 'a\uD800b\uDFFF', 'é😀', true, false, null, undefined];
  for (const item of corner) expect(Object.is(roundTrip(item), clone(item))).toBe(true);
});

test('any value fast-check can build (objects take the v8 path) decodes as a structured clone does', () => {
  fc.assert(
    fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true }), fc.nat(9), (item, offset) => {
      expect(roundTrip(item, offset)).toEqual(clone(item));
    }),
  );
});

test('uncloneable items throw DataCloneError from encode', () => {
  expect(() => encodeItem(() => 1)).toThrow(/could not be cloned/);
});

// struct.pack('i') / struct.unpack('i') as the documents use them. Expected bytes and messages are
// CPython 3.11's on x86-64 Linux, noted next to each case.
import fc from 'fast-check';
import {
  INT32_MAX,
  INT32_MIN,
  StructError,
  nativeByteOrder,
  packInt32,
  unpackInt32,
} from '../../impl/net/length-prefix';

describe('packInt32 / unpackInt32', () => {
  test("little-endian is struct.pack('i'), big-endian is struct.pack('!i')", () => {
    // struct.pack('i', 46) == b'.\x00\x00\x00'; struct.pack('!i', 46) == b'\x00\x00\x00.'
    expect(packInt32(46)).toEqual(Buffer.from([0x2e, 0, 0, 0]));
    expect(packInt32(46, 'big')).toEqual(Buffer.from([0, 0, 0, 0x2e]));
    // struct.pack('i', -1) == b'\xff\xff\xff\xff'
    expect(packInt32(-1)).toEqual(Buffer.from([0xff, 0xff, 0xff, 0xff]));
  });

  test('the default order is the one this machine would use for native "i" (x86-64 and arm64 are little-endian)', () => {
    expect(nativeByteOrder()).toBe('little');
  });

  test('out-of-range and non-integer values raise struct.error with CPython\'s messages', () => {
    // struct.pack('i', 2**31) -> struct.error: 'i' format requires -2147483648 <= number <= 2147483647
    expect(() => packInt32(INT32_MAX + 1)).toThrow(new StructError("'i' format requires -2147483648 <= number <= 2147483647"));
    expect(() => packInt32(INT32_MIN - 1)).toThrow(StructError);
    // struct.pack('i', 1.5) -> struct.error: required argument is not an integer
    expect(() => packInt32(1.5)).toThrow('required argument is not an integer');
    // struct.unpack('i', b'abc') -> struct.error: unpack requires a buffer of 4 bytes
    expect(() => unpackInt32(Buffer.from('abc'))).toThrow('unpack requires a buffer of 4 bytes');
    expect(() => unpackInt32(Buffer.alloc(5))).toThrow(StructError);
  });

  test('unpack inverts pack for every int32 in both orders, and always 4 bytes', () => {
    fc.assert(
      fc.property(fc.integer({ min: INT32_MIN, max: INT32_MAX }), fc.constantFrom('little' as const, 'big' as const), (n, order) => {
        const bytes = packInt32(n, order);
        expect(bytes.length).toBe(4);
        expect(unpackInt32(bytes, order)).toBe(n);
      }),
    );
  });

  test('unpack reads a view without copying its surroundings', () => {
    const backing = Buffer.from([9, 9, 0x2e, 0, 0, 0, 9]);
    expect(unpackInt32(backing.subarray(2, 6))).toBe(46);
  });
});

import fc from 'fast-check';
import { asciiUpper, bytesToJson, filled, jsonToBytes } from '../../harness/scenario/bytes-json';

describe('bytes as JSON', () => {
  it('is text for valid UTF-8 and base64 otherwise, and always decodes to the same bytes', () => {
    expect(bytesToJson(Buffer.from('héllo'))).toBe('héllo');
    expect(bytesToJson(Buffer.from([0xe4, 0xbd]))).toEqual({ base64: '5L0=' }); // half of a UTF-8 character
    // A leading byte-order mark is data, kept as U+FEFF as CPython's bytes.decode('utf-8') keeps it.
    expect(bytesToJson(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('\ufeffA');
    expect(jsonToBytes(bytesToJson(Buffer.from([0xef, 0xbb, 0xbf, 0x41])))).toEqual(Buffer.from([0xef, 0xbb, 0xbf, 0x41]));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(jsonToBytes(bytesToJson(bytes))!.equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });

  it('builds filled blocks and rejects what is not a bytes form', () => {
    expect(filled('ab', 5).toString()).toBe('ababa');
    expect(filled('ab', 0).length).toBe(0);
    expect(jsonToBytes({ fill: 'xy', size: 3 })!.toString()).toBe('xyx');
    expect(jsonToBytes(42)).toBeUndefined();
    expect(jsonToBytes({ base64: 'AA==', extra: 1 })).toBeUndefined();
  });

  it('upper-cases ASCII letters only, as bytes.upper() does', () => {
    expect(asciiUpper(Buffer.from('abc-é-z')).toString()).toBe('ABC-é-Z');
  });
});

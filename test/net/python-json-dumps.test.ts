// pythonJsonDumps must write what CPython's json.dumps writes, so a header encoded here has the
// same bytes (and the same announced length) as the documents' Python programs produce.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { type PythonJson, pythonJsonDumps } from '../../impl/net/python-json-dumps';

/** json.dumps of each value, computed by python3 itself (values travel as JSON text). */
function cpythonDumps(values: PythonJson[]): string[] {
  const script = 'import json,sys\nfor line in sys.stdin.read().splitlines():\n    print(json.dumps(json.loads(line)))';
  const input = values.map((v) => JSON.stringify(v)).join('\n') + '\n';
  return execFileSync('python3', ['-c', script], { input, encoding: 'utf8' }).trimEnd().split('\n');
}

const scalar: fc.Arbitrary<PythonJson> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
  // Non-integral floats only: an integral float would reach Python as an int through JSON text.
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
  fc.string({ unit: 'binary' }),
  fc.string(),
);

const value: fc.Arbitrary<PythonJson> = fc.letrec<{ v: PythonJson }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: 'binary' }), tie('v'), { maxKeys: 4 }),
  ),
})).v;

describe('pythonJsonDumps', () => {
  test("the documents' header is written as CPython writes it", () => {
    const header = { md5: 'asdfghjgkj', file_name: '学习视频', file_size: 12 };
    // python3 -c "import json; print(json.dumps({'md5':'asdfghjgkj','file_name':'学习视频','file_size':12}))"
    expect(pythonJsonDumps(header)).toBe('{"md5": "asdfghjgkj", "file_name": "\\u5b66\\u4e60\\u89c6\\u9891", "file_size": 12}');
  });

  test('escapes: control characters, DEL, quotes, backslashes and astral characters', () => {
    // json.dumps('\U0001F600\n"\\\x7f\x00') == '"\\ud83d\\ude00\\n\\"\\\\\\u007f\\u0000"'
    expect(pythonJsonDumps('\u{1F600}\n"\\\x7f\x00')).toBe('"\\ud83d\\ude00\\n\\"\\\\\\u007f\\u0000"');
  });

  test('floats (and integral values beyond 2**53) use repr(float)', () => {
    expect(pythonJsonDumps(1.5e-7)).toBe('1.5e-07');
    expect(pythonJsonDumps(0.0001)).toBe('0.0001');
    expect(pythonJsonDumps(1234567890123456.5)).toBe('1234567890123456.5');
    expect(pythonJsonDumps(-2.5e300)).toBe('-2.5e+300');
    expect(pythonJsonDumps(0.1)).toBe('0.1');
    expect(pythonJsonDumps(2 ** 53 + 2)).toBe('9007199254740994.0');
  });

  test('NaN and the infinities are refused rather than written as non-JSON', () => {
    expect(() => pythonJsonDumps(NaN)).toThrow(TypeError);
    expect(() => pythonJsonDumps(-Infinity)).toThrow(/-Infinity/);
  });

  test('agrees with python3 on generated values', () => {
    const samples = fc.sample(value, { numRuns: 300, seed: 20240601 });
    const expected = cpythonDumps(samples);
    samples.forEach((v, i) => expect(pythonJsonDumps(v)).toBe(expected[i]));
  });
});

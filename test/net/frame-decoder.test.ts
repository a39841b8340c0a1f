// The incremental decoders: any slicing of a valid stream gives back exactly the messages; bad
// input gives the right FramingError, after every message before it, and the decoder stays failed.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { fileHeaderFor, type FileHeader } from '../../impl/net/file-header';
import { HeaderFrameDecoder, LengthFrameDecoder } from '../../impl/net/frame-decoder';
import { encodeHeaderFrame, encodeLengthFrame, headerFrameParts } from '../../impl/net/framing';
import { FramingError, type FramingErrorCode } from '../../impl/net/framing-errors';
import { type ByteOrder, packInt32 } from '../../impl/net/length-prefix';
import { bodyBytes, splitAt } from './helpers/chunking';

const byteOrder = fc.constantFrom<ByteOrder>('little', 'big');
const message = fc.record({ name: fc.string({ unit: 'binary', maxLength: 20 }), body: bodyBytes() }).map(({ name, body }) => ({
  header: fileHeaderFor(name, body),
  body,
}));

/** Feeds chunks, reading after each, then ends the stream; returns messages and the error if any. */
function decodeChunks<T>(decoder: { write(c: Buffer): void; read(): T | null; end(): void }, chunks: Buffer[]): { messages: T[]; error: unknown } {
  const messages: T[] = [];
  try {
    for (const chunk of chunks) {
      decoder.write(chunk);
      for (let m = decoder.read(); m !== null; m = decoder.read()) messages.push(m);
    }
    decoder.end();
    for (let m = decoder.read(); m !== null; m = decoder.read()) messages.push(m);
    return { messages, error: null };
  } catch (error) {
    return { messages, error };
  }
}

function codeOf(error: unknown): FramingErrorCode | null {
  return error instanceof FramingError ? error.code : null;
}

/** A frame with an arbitrary header text, for malformed headers. */
function rawHeaderFrame(headerText: string | Buffer, body = Buffer.alloc(0)): Buffer {
  const header = typeof headerText === 'string' ? Buffer.from(headerText, 'utf8') : headerText;
  return Buffer.concat([packInt32(header.length), header, body]);
}

describe('HeaderFrameDecoder on valid streams', () => {
  test('any messages, any byte order, any slicing: exactly the messages, in order', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 6 }), byteOrder, fc.array(fc.nat(), { maxLength: 40 }), (messages, order, cuts) => {
        const stream = Buffer.concat(messages.map((m) => encodeHeaderFrame(m.header, m.body, { byteOrder: order })));
        const chunks = splitAt(stream, cuts.map((c) => c % (stream.length + 1)));
        const result = decodeChunks(new HeaderFrameDecoder({ byteOrder: order, verifyMd5: true }), chunks);
        expect(result.error).toBeNull();
        expect(result.messages.map((m) => m.header)).toEqual(messages.map((m) => m.header));
        expect(result.messages.map((m) => m.body)).toEqual(messages.map((m) => m.body));
      }),
      { numRuns: 300 },
    );
  });

  test('one byte at a time works, and a stream ending between frames is not an error', () => {
    const m = fileHeaderFor('a.txt', Buffer.from('hello'));
    const stream = Buffer.concat([encodeHeaderFrame(m, Buffer.from('hello')), encodeHeaderFrame(fileHeaderFor('b', Buffer.alloc(0)), Buffer.alloc(0))]);
    const decoder = new HeaderFrameDecoder();
    const got = [...stream].flatMap((byte) => decoder.push(Buffer.from([byte])));
    expect(got.map((x) => x.body.toString())).toEqual(['hello', '']);
    expect(decoder.atBoundary).toBe(true);
    expect(decoder.finish()).toEqual([]);
  });

  test("decodes what the documents' Python server sends (struct.pack('i') + json.dumps + body), byte for byte the same as our encoder", () => {
    const script = [
      'import json,struct,sys',
      "result = '学习视频 output'.encode('utf-8')",
      "head = json.dumps({'md5': 'asdfghjgkj', 'file_name': '学习视频', 'file_size': len(result)}).encode('utf-8')",
      "sys.stdout.buffer.write(struct.pack('i', len(head)) + head + result)",
    ].join('\n');
    const fromPython = execFileSync('python3', ['-c', script]);
    const body = Buffer.from('学习视频 output', 'utf8');
    const header: FileHeader = { md5: 'asdfghjgkj', file_name: '学习视频', file_size: body.length };
    expect(encodeHeaderFrame(header, body)).toEqual(fromPython);
    const decoder = new HeaderFrameDecoder();
    decoder.write(fromPython);
    expect(decoder.finish()).toEqual([{ header, body }]);
  });

  test("lenient mode accepts 003's upload header (MD5 as a number, no md5, new_file_name); strict mode refuses it", () => {
    const body = Buffer.from('mp4 bytes');
    const upload = { MD5: 123244546656, file_name: 'demo.mp4', file_size: body.length, new_file_name: 'demo1.mp4' };
    const frame = encodeHeaderFrame(upload, body);
    expect(new HeaderFrameDecoder({ headerMode: 'lenient' }).push(frame)).toEqual([{ header: upload, body }]);
    expect(() => new HeaderFrameDecoder().push(frame)).toThrow(expect.objectContaining({ code: 'header-field', message: 'the header has no md5' }));
  });

  test('the three parts are the documents\' three sends and concatenate to the frame', () => {
    const body = Buffer.from('xyz');
    const parts = headerFrameParts(fileHeaderFor('f', body), body, { byteOrder: 'big' });
    expect(parts.prefix.readInt32BE(0)).toBe(parts.header.length);
    expect(Buffer.concat([parts.prefix, parts.header, parts.body])).toEqual(encodeHeaderFrame(fileHeaderFor('f', body), body, { byteOrder: 'big' }));
    expect(() => headerFrameParts({ ...fileHeaderFor('f', body), file_size: 4 }, body)).toThrow(RangeError);
  });
});

describe('HeaderFrameDecoder on bad input', () => {
  const good = (text: string) => {
    const body = Buffer.from(text);
    return encodeHeaderFrame(fileHeaderFor('ok', body), body);
  };

  test('any cut inside the last frame is a truncated-* error, after every whole message before it', () => {
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 4 }), fc.nat(), fc.array(fc.nat(), { maxLength: 10 }), (messages, cutSeed, slices) => {
        const frames = messages.map((m) => encodeHeaderFrame(m.header, m.body));
        const last = frames[frames.length - 1]!;
        const cutInLast = 1 + (cutSeed % (last.length - 1)); // 1..len-1: never at a boundary
        const stream = Buffer.concat([...frames.slice(0, -1), last.subarray(0, cutInLast)]);
        const result = decodeChunks(new HeaderFrameDecoder(), splitAt(stream, slices.map((s) => s % (stream.length + 1))));
        const headerLength = last.readInt32LE(0);
        const expected: FramingErrorCode = cutInLast < 4 ? 'truncated-length' : cutInLast < 4 + headerLength ? 'truncated-header' : 'truncated-body';
        expect(codeOf(result.error)).toBe(expected);
        expect(result.messages.map((m) => m.body)).toEqual(messages.slice(0, -1).map((m) => m.body));
      }),
      { numRuns: 300 },
    );
  });

  test('a negative length is rejected as soon as the prefix arrives', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: -1 }), byteOrder, (n, order) => {
        const decoder = new HeaderFrameDecoder({ byteOrder: order });
        const first = Buffer.from('first');
        decoder.write(Buffer.concat([encodeHeaderFrame(fileHeaderFor('ok', first), first, { byteOrder: order }), packInt32(n, order)]));
        expect(decoder.read()?.body.toString()).toBe('first');
        expect(() => decoder.read()).toThrow(expect.objectContaining({ code: 'negative-length' }));
      }),
    );
  });

  test('an oversized header length is rejected before its bytes arrive, with a byte-order hint', () => {
    const decoder = new HeaderFrameDecoder({ maxHeaderBytes: 1024 });
    // 46 written big-endian, read little-endian: 771751936
    decoder.write(packInt32(46, 'big'));
    let error: unknown;
    try {
      decoder.read();
    } catch (e) {
      error = e;
    }
    expect(codeOf(error)).toBe('header-too-large');
    expect((error as Error).message).toMatch(/771751936.*other byte order it would be 46/);
  });

  test('a file_size above the limit is rejected right after the header, before any body', () => {
    const frame = rawHeaderFrame(JSON.stringify({ file_name: 'big', file_size: 1_000_001, md5: '' }));
    expect(() => new HeaderFrameDecoder({ maxBodyBytes: 1_000_000 }).push(frame)).toThrow(expect.objectContaining({ code: 'body-too-large' }));
  });

  test.each<[string, string | Buffer, FramingErrorCode]>([
    ['invalid JSON', '{"file_size": 1,', 'invalid-json'],
    ['an empty header', '', 'invalid-json'],
    ['a UTF-8 BOM (json.loads refuses it too)', '\ufeff{"file_name":"a","file_size":0,"md5":""}', 'invalid-json'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0x7d]), 'invalid-utf8'],
    ['a JSON array', '[1, 2]', 'header-not-object'],
    ['JSON null', 'null', 'header-not-object'],
    ['no file_size', '{"file_name": "a", "md5": ""}', 'header-field'],
    ['file_size as a string', '{"file_name": "a", "md5": "", "file_size": "12"}', 'header-field'],
    ['a negative file_size', '{"file_name": "a", "md5": "", "file_size": -1}', 'header-field'],
    ['a fractional file_size', '{"file_name": "a", "md5": "", "file_size": 1.5}', 'header-field'],
    ['file_name as a number', '{"file_name": 3, "md5": "", "file_size": 0}', 'header-field'],
    ['md5 as null', '{"file_name": "a", "md5": null, "file_size": 0}', 'header-field'],
  ])('%s is rejected (%s)', (_what, header, code) => {
    const decoder = new HeaderFrameDecoder();
    decoder.write(Buffer.concat([good('before'), rawHeaderFrame(header)]));
    expect(decoder.read()?.body.toString()).toBe('before');
    let error: unknown;
    try {
      decoder.read();
    } catch (e) {
      error = e;
    }
    expect(codeOf(error)).toBe(code);
    expect((error as FramingError).frameOffset).toBe(good('before').length);
  });

  test('a body shorter than file_size at end of stream is a size mismatch (truncated-body)', () => {
    const frame = rawHeaderFrame(JSON.stringify({ file_name: 'a', md5: '', file_size: 10 }), Buffer.from('12345'));
    const decoder = new HeaderFrameDecoder();
    expect(decoder.push(frame)).toEqual([]);
    expect(() => decoder.finish()).toThrow(expect.objectContaining({ code: 'truncated-body', message: expect.stringContaining('5 of 10 bytes') }));
  });

  test('md5 verification, when asked for, rejects a body that does not match', () => {
    const body = Buffer.from('payload');
    const frame = encodeHeaderFrame({ ...fileHeaderFor('a', body), md5: 'asdfghjgkj' }, body);
    expect(new HeaderFrameDecoder().push(frame)).toHaveLength(1);
    expect(() => new HeaderFrameDecoder({ verifyMd5: true }).push(frame)).toThrow(expect.objectContaining({ code: 'md5-mismatch' }));
  });

  test('after an error the decoder stays failed: later writes and reads throw the same error', () => {
    const decoder = new HeaderFrameDecoder();
    decoder.write(packInt32(-5));
    let first: unknown;
    try {
      decoder.read();
    } catch (e) {
      first = e;
    }
    expect(() => decoder.write(good('later'))).toThrow(first as Error);
    expect(() => decoder.read()).toThrow(first as Error);
    expect(decoder.failed).toBe(first);
  });

  test('writing after end is refused', () => {
    const decoder = new HeaderFrameDecoder();
    decoder.end();
    expect(() => decoder.write(good('x'))).toThrow(expect.objectContaining({ code: 'decoder-closed' }));
  });
});

describe('LengthFrameDecoder', () => {
  test('any frames, any byte order, any slicing: exactly the frames', () => {
    fc.assert(
      fc.property(fc.array(bodyBytes(), { maxLength: 8 }), byteOrder, fc.array(fc.nat(), { maxLength: 40 }), (frames, order, cuts) => {
        const stream = Buffer.concat(frames.map((f) => encodeLengthFrame(f, { byteOrder: order })));
        const result = decodeChunks(new LengthFrameDecoder({ byteOrder: order }), splitAt(stream, cuts.map((c) => c % (stream.length + 1))));
        expect(result.error).toBeNull();
        expect(result.messages).toEqual(frames);
      }),
      { numRuns: 300 },
    );
  });

  test('negative, oversized and truncated frames', () => {
    expect(() => new LengthFrameDecoder().push(packInt32(-1))).toThrow(expect.objectContaining({ code: 'negative-length' }));
    expect(() => new LengthFrameDecoder({ maxFrameBytes: 8 }).push(packInt32(9))).toThrow(expect.objectContaining({ code: 'frame-too-large' }));
    const cut = new LengthFrameDecoder();
    expect(cut.push(Buffer.concat([encodeLengthFrame(Buffer.from('ok')), packInt32(5), Buffer.from('ab')]))).toEqual([Buffer.from('ok')]);
    expect(() => cut.finish()).toThrow(expect.objectContaining({ code: 'truncated-body' }));
    const inPrefix = new LengthFrameDecoder();
    inPrefix.write(Buffer.from([1, 0]));
    expect(() => inPrefix.finish()).toThrow(expect.objectContaining({ code: 'truncated-length' }));
  });
});

/**
 * Encoders for the two framings that fix sticky packets (003 §9 and §10):
 *
 * - header framing: `struct.pack('i', len(head))`, the JSON header bytes, then the body;
 * - length framing: `struct.pack('i', len(data))`, then the data.
 *
 * The header is written exactly as CPython's `json.dumps(head).encode('utf-8')` writes it, so a
 * frame from here and one from the documents' server are the same bytes. Decoding is in
 * frame-decoder.ts.
 */
import { type FileHeader, type LenientFileHeader } from './file-header';
import { type ByteOrder, DEFAULT_BYTE_ORDER, packInt32 } from './length-prefix';
import { type PythonJson, pythonJsonDumps } from './python-json-dumps';

export interface FramingOptions {
  /** Byte order of the 4-byte prefix; default little-endian, as `'i'` on x86-64 (see length-prefix.ts). */
  byteOrder?: ByteOrder;
}

/** One message of the header framing, as sent and as decoded. */
export interface FramedMessage<H = FileHeader | LenientFileHeader> {
  header: H;
  body: Buffer;
}

/** The three writes the documents make: the 4-byte header length, the header, the body. */
export interface HeaderFrameParts {
  prefix: Buffer;
  header: Buffer;
  body: Buffer;
}

/**
 * Splits a message into the documents' three sends. Throws RangeError when `file_size` is not
 * the body's length: the receiver would split the stream wrongly from then on.
 */
export function headerFrameParts(header: FileHeader | LenientFileHeader, body: Uint8Array, options: FramingOptions = {}): HeaderFrameParts {
  if (header.file_size !== body.length) {
    throw new RangeError(`file_size is ${header.file_size} but the body is ${body.length} bytes`);
  }
  const headerBytes = Buffer.from(pythonJsonDumps(header as PythonJson), 'utf8');
  return {
    prefix: packInt32(headerBytes.length, options.byteOrder ?? DEFAULT_BYTE_ORDER),
    header: headerBytes,
    body: Buffer.from(body.buffer, body.byteOffset, body.length),
  };
}

/** One message of the header framing, as one buffer. */
export function encodeHeaderFrame(header: FileHeader | LenientFileHeader, body: Uint8Array, options: FramingOptions = {}): Buffer {
  const parts = headerFrameParts(header, body, options);
  return Buffer.concat([parts.prefix, parts.header, parts.body]);
}

/** One message of the length framing: `struct.pack('i', len(data)) + data`. */
export function encodeLengthFrame(data: Uint8Array, options: FramingOptions = {}): Buffer {
  return Buffer.concat([packInt32(data.length, options.byteOrder ?? DEFAULT_BYTE_ORDER), data]);
}

/**
 * The header framing of 003 §9/§10 (`struct.pack('i', len(head))`, the JSON header, then
 * `file_size` bytes of body) for bodies too large to hold in memory: the header is read and
 * checked as HeaderFrameDecoder checks it, and the body is left on the stream for the caller to
 * read in pieces (a file being uploaded goes to disk chunk by chunk). On the sending side,
 * `headerFramePrefix` gives the bytes before the body, which the caller then streams.
 *
 * Same rules as frame-decoder.ts: limits are checked as soon as a size is announced, before any
 * of it is buffered; the same FramingError codes; the stream ending inside a prefix or header is
 * a truncated-* error, ending exactly between frames is a clean end (null).
 */
import { type HeaderMode, type LenientFileHeader, headerProblem } from './file-header';
import { FramingError } from './framing-errors';
import type { ByteStream, ReceiveFrameOptions } from './framed-connection';
import type { FramingOptions } from './framing';
import { DEFAULT_BYTE_ORDER, LENGTH_PREFIX_BYTES, packInt32, unpackInt32 } from './length-prefix';
import { DEFAULT_MAX_HEADER_BYTES } from './frame-decoder';
import { type PythonJson, pythonJsonDumps } from './python-json-dumps';

export interface FrameHeaderReadOptions extends FramingOptions, ReceiveFrameOptions {
  /** Largest header accepted, in bytes (default 64 KiB, as HeaderFrameDecoder). */
  maxHeaderBytes?: number;
  /** Which header fields are required (default `lenient`: only file_size). */
  headerMode?: HeaderMode;
}

/** The prefix and JSON header of a frame whose `file_size` bytes of body the caller sends next. */
export function headerFramePrefix(header: LenientFileHeader, options: FramingOptions = {}): Buffer {
  const headerBytes = Buffer.from(pythonJsonDumps(header as PythonJson), 'utf8');
  return Buffer.concat([packInt32(headerBytes.length, options.byteOrder ?? DEFAULT_BYTE_ORDER), headerBytes]);
}

/**
 * Reads exactly `n` bytes, or returns what arrived before the stream ended (fewer than `n`).
 * `recv` returns b'' only at the end of the stream, so a short result means it ended.
 */
async function readUpTo(stream: ByteStream, n: number, options: ReceiveFrameOptions): Promise<Buffer> {
  const parts: Buffer[] = [];
  let have = 0;
  while (have < n) {
    const chunk = await stream.recv(n - have, options);
    if (chunk.length === 0) break;
    parts.push(chunk);
    have += chunk.length;
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts, have);
}

/**
 * The next frame's header, leaving its `file_size` bytes of body unread on `stream`. Returns
 * null when the stream ends cleanly before a frame starts; throws FramingError for a bad or
 * truncated prefix or header (the stream cannot be trusted after that: close it).
 */
export async function readFrameHeader(stream: ByteStream, options: FrameHeaderReadOptions = {}): Promise<LenientFileHeader | null> {
  const byteOrder = options.byteOrder ?? DEFAULT_BYTE_ORDER;
  const maxHeaderBytes = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
  const prefix = await readUpTo(stream, LENGTH_PREFIX_BYTES, options);
  if (prefix.length === 0) return null;
  if (prefix.length < LENGTH_PREFIX_BYTES) {
    throw new FramingError('truncated-length', `the stream ended inside the 4-byte length prefix: ${prefix.length} of 4 bytes arrived`, 0);
  }
  const n = unpackInt32(prefix, byteOrder);
  if (n < 0) throw new FramingError('negative-length', `the 4-byte length prefix ${prefix.toString('hex')} reads ${n}: a length cannot be negative`, 0);
  if (n > maxHeaderBytes) throw new FramingError('header-too-large', `the header is announced as ${n} bytes, above the limit of ${maxHeaderBytes}`, 0);
  const bytes = await readUpTo(stream, n, options);
  if (bytes.length < n) throw new FramingError('truncated-header', `the stream ended inside the JSON header: ${bytes.length} of ${n} bytes arrived`, 0);
  return parseHeader(bytes, options.headerMode ?? 'lenient');
}

function parseHeader(bytes: Buffer, mode: HeaderMode): LenientFileHeader {
  let text: string;
  try {
    // As in frame-decoder.ts: Python's bytes.decode('utf-8') is strict and keeps a BOM, which json.loads rejects.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new FramingError('invalid-utf8', `the ${bytes.length}-byte header is not valid UTF-8`, 0);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FramingError('invalid-json', `the header is not valid JSON (${(error as Error).message}): ${JSON.stringify(text.slice(0, 80))}`, 0);
  }
  const problem = headerProblem(value, mode);
  if (problem) throw new FramingError(problem.code, problem.message, 0);
  return value as LenientFileHeader;
}

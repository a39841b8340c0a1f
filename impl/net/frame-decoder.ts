/**
 * Incremental decoders for the two framings of framing.ts. Bytes go in as they arrive, in any
 * slicing (`write`); whole messages come out (`read`); `end` says the stream is over, after which
 * a partial frame is an error instead of "need more bytes".
 *
 * A bad frame makes the decoder fail for good: every later call throws the same FramingError,
 * because nothing after a bad frame can be trusted to start a frame. Messages before the bad
 * frame are all returned first, since `read` only reaches the bad frame once they have been read.
 * Limits are checked as soon as the prefix or header announces a size, before buffering it, so
 * a hostile length cannot make the receiver allocate.
 */
import { ByteQueue } from './byte-queue';
import { type HeaderMode, type LenientFileHeader, headerProblem, md5Hex } from './file-header';
import { FramingError, type FramingErrorCode } from './framing-errors';
import type { FramedMessage, FramingOptions } from './framing';
import { type ByteOrder, DEFAULT_BYTE_ORDER, LENGTH_PREFIX_BYTES, packInt32, unpackInt32 } from './length-prefix';

export const DEFAULT_MAX_HEADER_BYTES = 64 * 1024;
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024;

type Need = { kind: 'prefix' } | { kind: 'payload'; length: number };

/** The part both framings share: the 4-byte prefix, the failure latch, the end-of-stream rule. */
abstract class PrefixedDecoder<T> {
  protected readonly pending = new ByteQueue();
  protected readonly byteOrder: ByteOrder;
  private failure: FramingError | null = null;
  private ended = false;
  /** The last prefix read, as its int, for error messages (its bytes are packInt32 of it). */
  private lastPrefix = 0;
  /** Bytes taken from `pending` so far, i.e. the stream offset of its first byte. */
  protected consumed = 0;
  /** Stream offset where the frame being decoded began. */
  protected frameStart = 0;

  constructor(options: FramingOptions) {
    this.byteOrder = options.byteOrder ?? DEFAULT_BYTE_ORDER;
  }

  /** Buffers `chunk`. Throws once the decoder has failed or ended. */
  write(chunk: Uint8Array): void {
    if (this.failure) throw this.failure;
    if (this.ended) throw new FramingError('decoder-closed', 'write after end of stream', this.consumed + this.pending.length);
    this.pending.push(chunk);
  }

  /** The next whole message, or null when more bytes are needed. Throws FramingError on a bad frame. */
  read(): T | null {
    if (this.failure) throw this.failure;
    try {
      return this.step();
    } catch (error) {
      if (error instanceof FramingError) this.failure = error;
      throw error;
    }
  }

  /** Every whole message now available (throws at a bad frame; use `read` to keep those before it). */
  readAll(): T[] {
    const out: T[] = [];
    for (let m = this.read(); m !== null; m = this.read()) out.push(m);
    return out;
  }

  /** `write(chunk)` then `readAll()`. */
  push(chunk: Uint8Array): T[] {
    this.write(chunk);
    return this.readAll();
  }

  /**
   * The stream is over. Whole messages still buffered stay readable; a partial frame makes the
   * `read` that reaches it throw a truncated-* error instead of returning null.
   */
  end(): void {
    this.ended = true;
  }

  /** `end()` then `readAll()`: the last messages, or a truncated-* error if a frame was cut off. */
  finish(): T[] {
    this.end();
    return this.readAll();
  }

  /** Bytes received but not yet part of a returned message. */
  get bufferedBytes(): number {
    return this.pending.length;
  }

  /** True when nothing is buffered: the stream may end here without error. */
  get atBoundary(): boolean {
    return this.pending.length === 0 && this.isBetweenFrames();
  }

  get failed(): FramingError | null {
    return this.failure;
  }

  protected abstract step(): T | null;
  protected abstract isBetweenFrames(): boolean;

  protected take(n: number): Buffer {
    this.consumed += n;
    return this.pending.take(n);
  }

  /** null ("wait for more") unless the stream has ended, in which case the frame is truncated. */
  protected needMore(code: FramingErrorCode, what: string, want: number): null {
    if (!this.ended) return null;
    throw this.error(code, `the stream ended ${what}: ${this.pending.length} of ${want} bytes arrived`);
  }

  protected error(code: FramingErrorCode, message: string): FramingError {
    return new FramingError(code, message, this.frameStart);
  }

  /** Reads the prefix when enough bytes are there; null to wait, a number to go on. */
  protected readPrefix(): number | null {
    if (this.pending.length < LENGTH_PREFIX_BYTES) {
      if (this.pending.length === 0 && this.ended) return null;
      return this.needMore('truncated-length', 'inside the 4-byte length prefix', LENGTH_PREFIX_BYTES);
    }
    this.frameStart = this.consumed;
    // Read in place: a prefix per message must not cost an allocation (16-byte messages).
    const n = this.pending.peekInt32(this.byteOrder === 'little');
    this.pending.skip(LENGTH_PREFIX_BYTES);
    this.consumed += LENGTH_PREFIX_BYTES;
    this.lastPrefix = n;
    if (n < 0) {
      const hex = packInt32(n, this.byteOrder).toString('hex');
      throw this.error('negative-length', `the 4-byte length prefix ${hex} reads ${n} as a ${this.byteOrder}-endian int: a length cannot be negative`);
    }
    return n;
  }

  /** A hint for absurd lengths: the other byte order, a common mismatch between ends. */
  protected otherOrderHint(n: number): string {
    const swapped = unpackInt32(packInt32(this.lastPrefix, this.byteOrder), this.byteOrder === 'little' ? 'big' : 'little');
    return swapped >= 0 && swapped < n ? ` (read in the other byte order it would be ${swapped}: do both ends use the same one?)` : '';
  }
}

export interface HeaderFrameDecoderOptions extends FramingOptions {
  /** Largest header accepted, in bytes (default 64 KiB). */
  maxHeaderBytes?: number;
  /** Largest `file_size` accepted (default 64 MiB). */
  maxBodyBytes?: number;
  /** Which header fields are required (default `strict`: file_name, file_size and md5). */
  headerMode?: HeaderMode;
  /** Compare the header's md5 with the body's (default false: the documents send placeholders). */
  verifyMd5?: boolean;
}

/** Decoder for `prefix + JSON header + body` (003 §9, §10). */
export class HeaderFrameDecoder extends PrefixedDecoder<FramedMessage<LenientFileHeader>> {
  private readonly maxHeaderBytes: number;
  private readonly maxBodyBytes: number;
  private readonly headerMode: HeaderMode;
  private readonly verifyMd5: boolean;
  private need: Need = { kind: 'prefix' };
  private header: LenientFileHeader | null = null;

  constructor(options: HeaderFrameDecoderOptions = {}) {
    super(options);
    this.maxHeaderBytes = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.headerMode = options.headerMode ?? 'strict';
    this.verifyMd5 = options.verifyMd5 ?? false;
  }

  protected isBetweenFrames(): boolean {
    return this.need.kind === 'prefix';
  }

  protected step(): FramedMessage<LenientFileHeader> | null {
    for (;;) {
      if (this.need.kind === 'prefix') {
        const n = this.readPrefix();
        if (n === null) return null;
        if (n > this.maxHeaderBytes) {
          throw this.error('header-too-large', `the header is announced as ${n} bytes, above the limit of ${this.maxHeaderBytes}${this.otherOrderHint(n)}`);
        }
        this.need = { kind: 'payload', length: n };
      } else if (this.header === null) {
        const length = this.need.length;
        if (this.pending.length < length) return this.needMore('truncated-header', 'inside the JSON header', length);
        this.header = this.parseHeader(this.take(length));
        const size = this.header.file_size;
        if (size > this.maxBodyBytes) throw this.error('body-too-large', `file_size is ${size}, above the limit of ${this.maxBodyBytes}`);
      } else {
        const size = this.header.file_size;
        if (this.pending.length < size) return this.needMore('truncated-body', `before file_size bytes of body (file_size ${size})`, size);
        const body = this.take(size);
        const header = this.header;
        if (this.verifyMd5 && header.md5 !== undefined && header.md5.toLowerCase() !== md5Hex(body)) {
          throw this.error('md5-mismatch', `the header's md5 ${header.md5} is not the body's (${md5Hex(body)})`);
        }
        this.header = null;
        this.need = { kind: 'prefix' };
        return { header, body };
      }
    }
  }

  private parseHeader(bytes: Buffer): LenientFileHeader {
    let text: string;
    try {
      // fatal: Python's bytes.decode('utf-8') raises on invalid bytes; ignoreBOM keeps a BOM,
      // which json.loads then rejects, as Python does.
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      throw this.error('invalid-utf8', `the ${bytes.length}-byte header is not valid UTF-8`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw this.error('invalid-json', `the header is not valid JSON (${(error as Error).message}): ${JSON.stringify(text.slice(0, 80))}`);
    }
    const problem = headerProblem(value, this.headerMode);
    if (problem) throw this.error(problem.code, problem.message);
    return value as LenientFileHeader;
  }
}

export interface LengthFrameDecoderOptions extends FramingOptions {
  /** Largest frame accepted, in bytes (default 64 MiB). */
  maxFrameBytes?: number;
}

/** Decoder for `prefix + data`. */
export class LengthFrameDecoder extends PrefixedDecoder<Buffer> {
  private readonly maxFrameBytes: number;
  /** Length of the frame whose payload is awaited; null between frames (no object per frame). */
  private payloadLength: number | null = null;

  constructor(options: LengthFrameDecoderOptions = {}) {
    super(options);
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  }

  protected isBetweenFrames(): boolean {
    return this.payloadLength === null;
  }

  protected step(): Buffer | null {
    if (this.payloadLength === null) {
      const n = this.readPrefix();
      if (n === null) return null;
      if (n > this.maxFrameBytes) {
        throw this.error('frame-too-large', `the frame is announced as ${n} bytes, above the limit of ${this.maxFrameBytes}${this.otherOrderHint(n)}`);
      }
      this.payloadLength = n;
    }
    const length = this.payloadLength;
    if (this.pending.length < length) return this.needMore('truncated-body', 'inside a frame', length);
    this.payloadLength = null;
    return this.take(length);
  }
}

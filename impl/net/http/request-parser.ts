/**
 * HTTP/1.1 request parsing for HTTPRequestHandler, by http-parser-js (the JavaScript port of
 * Node's original http_parser, which autocannon itself uses): this file only adapts its
 * callbacks to "feed bytes, take the complete requests". A parse error ends the stream: the
 * bytes after it cannot be trusted to start a request, so the handler answers 400 and closes.
 */
import { HTTPParser } from 'http-parser-js';

export interface HttpRequest {
  method: string;
  /** The request target as sent, e.g. `/sleep?ms=5`. */
  url: string;
  /** e.g. `1.1`. */
  version: string;
  /** Header names lower-cased, in the order sent. */
  headers: [name: string, value: string][];
  body: Buffer;
  /** HTTP/1.1 without `Connection: close`, or HTTP/1.0 with `Connection: keep-alive`. */
  keepAlive: boolean;
}

/** Why a request could not be parsed; the handler's 400 response carries the message. */
export class BadRequest extends Error {
  override readonly name = 'BadRequest';
}

/** Bodies above this are refused: the load handlers read none, and an unbounded body is memory. */
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * The head (request line and headers) may not be longer. http-parser-js has the same limit but
 * counts per chunk, not per head: a head in several chunks escaped it, pipelined heads tripped it.
 */
export const MAX_HEAD_BYTES = 80 * 1024;

export class RequestParser {
  private readonly parser = new HTTPParser(HTTPParser.REQUEST);
  private readonly complete: HttpRequest[] = [];
  private current: Omit<HttpRequest, 'body'> | null = null;
  private bodyChunks: Buffer[] = [];
  private bodyBytes = 0;
  private failure: BadRequest | null = null;
  /** Bytes of earlier chunks that belong to the head being parsed (offsets into the current chunk added). */
  private headBytes = 0;

  constructor() {
    // Its own limit counts whole chunks (two small pipelined heads in one read can exceed it);
    // MAX_HEAD_BYTES is enforced per head instead. An accessor, because the parser resets the
    // field after every message (and its global default is shared with autocannon's parser).
    Object.defineProperty(this.parser, 'maxHeaderSize', { get: () => Number.MAX_SAFE_INTEGER, set: () => undefined });
    this.parser[HTTPParser.kOnHeadersComplete] = (info) => {
      if (this.headBytes + this.offset() > MAX_HEAD_BYTES) throw new BadRequest(`request head over ${MAX_HEAD_BYTES} bytes`);
      const headers: [string, string][] = [];
      for (let i = 0; i + 1 < info.headers.length; i += 2) headers.push([info.headers[i]!.toLowerCase(), info.headers[i + 1]!]);
      // http-parser-js reads `Content-Length: abc` as NaN and then waits for a body that never
      // ends; a length that is not digits is a bad request (RFC 9110 §8.6).
      if (headers.some(([name, value]) => name === 'content-length' && !/^\s*\d+\s*$/.test(value))) throw new BadRequest('Content-Length is not a number');
      this.current = {
        method: HTTPParser.methods[info.method] ?? String(info.method),
        url: info.url,
        version: `${info.versionMajor}.${info.versionMinor}`,
        headers,
        keepAlive: info.shouldKeepAlive,
      };
      this.bodyChunks = [];
      this.bodyBytes = 0;
    };
    this.parser[HTTPParser.kOnBody] = (chunk, offset, length) => {
      this.bodyBytes += length;
      if (this.bodyBytes > MAX_BODY_BYTES) throw new BadRequest(`request body over ${MAX_BODY_BYTES} bytes`);
      this.bodyChunks.push(Buffer.from(chunk.subarray(offset, offset + length)));
    };
    this.parser[HTTPParser.kOnMessageComplete] = () => {
      if (this.current === null) return;
      this.complete.push({ ...this.current, body: Buffer.concat(this.bodyChunks) });
      this.current = null;
      // The next head starts here; feed() adds this chunk's length after execute.
      this.headBytes = -this.offset();
    };
  }

  /**
   * Parses `data` and returns the requests it completed, in order. After a parse error,
   * `error` is set and every later feed returns nothing.
   */
  feed(data: Buffer): HttpRequest[] {
    if (this.failure !== null) return [];
    let result: number | Error;
    try {
      result = this.parser.execute(data);
    } catch (thrown) {
      result = thrown instanceof Error ? thrown : new Error(String(thrown));
    }
    const completed = this.complete.splice(0);
    if (!(result instanceof Error)) {
      this.headBytes = this.current === null ? this.headBytes + data.length : 0;
      return completed;
    }
    const code = (result as { code?: unknown }).code;
    this.failure = result instanceof BadRequest ? result : new BadRequest(typeof code === 'string' ? `${result.message} (${code})` : result.message);
    // Some errors are only detected at the end of a chunk (the header size limit), after the
    // parser has already completed the request they belong to: nothing from this chunk is trusted.
    return [];
  }

  /** Where the parser is in the chunk being executed. */
  private offset(): number {
    return (this.parser as unknown as { offset: number }).offset;
  }

  get error(): BadRequest | null {
    return this.failure;
  }

  /** A request cut off by the end of the stream is not one: nothing to answer. */
  get midRequest(): boolean {
    return this.current !== null;
  }
}

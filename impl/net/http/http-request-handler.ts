/**
 * A minimal HTTP/1.1 request handler on socketserver, the way CPython's http.server builds
 * BaseHTTPRequestHandler on StreamRequestHandler: the same handler class then runs in every
 * socketserver concurrency model (serial, thread per connection, process per connection, event
 * loop), which is what lets autocannon load them (spec/load.ts).
 *
 * One connection carries requests until the client closes it or a request does not keep it
 * alive; pipelined requests are answered in order. A request that does not parse gets 400 and
 * the connection is closed, since the bytes after it cannot be trusted to start a request.
 * Subclasses answer one parsed request in `respond()`, as http.server's do_GET does.
 */
import { BaseRequestHandler } from '../socketserver/request-handler';
import { RequestParser, type HttpRequest } from './request-parser';
import { encodeResponse, type HttpResponse } from './response';

/** recv size: a whole pipelined burst of small requests in one call. */
const RECV_BYTES = 64 * 1024;

export class HTTPRequestHandler extends BaseRequestHandler {
  /** Answers one request; the default, like a BaseHTTPRequestHandler without do_GET, is 501. */
  protected respond(request: HttpRequest): HttpResponse | Promise<HttpResponse> {
    return { status: 501, body: `Unsupported method (${request.method})\n` };
  }

  override async handle(): Promise<void> {
    const parser = new RequestParser();
    for (;;) {
      let data: Buffer;
      try {
        data = await this.request.recv(RECV_BYTES);
      } catch {
        return; // a reset or timed-out client: nothing left to answer
      }
      if (data.length === 0) return;
      for (const request of parser.feed(data)) {
        const response = await this.respond(request);
        if (!(await this.send(encodeResponse(response, request.keepAlive, request.version)))) return;
        if (!request.keepAlive) return;
      }
      if (parser.error !== null) {
        await this.send(encodeResponse({ status: 400, headers: { 'Content-Type': 'text/plain' }, body: `Bad request: ${parser.error.message}\n` }, false));
        return;
      }
    }
  }

  /** False when the client is gone (its reset must not become the server's error). */
  private async send(bytes: Buffer): Promise<boolean> {
    try {
      await this.request.sendall(bytes);
      return true;
    } catch {
      return false;
    }
  }
}

/** HTTP/1.1 responses as bytes, for HTTPRequestHandler. */
import { STATUS_CODES } from 'node:http';

export interface HttpResponse {
  status: number;
  /** Extra headers; Content-Length and Connection are the handler's. */
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/**
 * The response head and body in one buffer, so a keep-alive response is one write (one message
 * hop in the thread model). `keepAlive` false adds `Connection: close`; HTTP/1.0 clients that
 * asked for keep-alive are told it is on, since 1.0 closes by default.
 */
export function encodeResponse(response: HttpResponse, keepAlive: boolean, requestVersion = '1.1'): Buffer {
  const body = typeof response.body === 'string' ? Buffer.from(response.body) : (response.body ?? Buffer.alloc(0));
  let head = `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? 'Unknown'}\r\n`;
  for (const [name, value] of Object.entries(response.headers ?? {})) head += `${name}: ${value}\r\n`;
  head += `Content-Length: ${body.length}\r\n`;
  if (!keepAlive) head += 'Connection: close\r\n';
  else if (requestVersion === '1.0') head += 'Connection: keep-alive\r\n';
  head += '\r\n';
  const headBytes = Buffer.from(head, 'latin1');
  return body.length === 0 ? headBytes : Buffer.concat([headBytes, body]);
}

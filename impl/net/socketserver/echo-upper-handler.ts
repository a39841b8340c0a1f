/**
 * The documents' echo-upper service (001 §九): the handler loops on recv(1024), stops on b'',
 * and answers each chunk with `data.upper()` via sendall. Two deliberate additions make the
 * server-robustness claims testable from outside:
 *
 * - a chunk containing RAISE_TRIGGER makes handle() raise, uncaught, so the server's
 *   handle_error path runs (001's handler catches everything itself, so its server never shows
 *   what an escaping exception does);
 * - a chunk that is exactly WHOAMI_QUERY is answered with one JSON line saying what the handler
 *   saw (`self.client_address`, the pid and thread it runs in), so a probe can tell which
 *   process or thread served it and whether `client_address` is its own address;
 * - the documents' `except Exception as EX: print(...); break` is kept for socket errors such as
 *   a client's reset: the handler ends quietly and the server goes on.
 */
import { threadId } from 'node:worker_threads';
import type { Address } from '../stream-connection';
import { BaseRequestHandler, type DatagramRequest } from './request-handler';

/** Bytes that make EchoUpperHandler raise (an ASCII marker no real message contains). */
export const RAISE_TRIGGER = Buffer.from('!raise!');

/** Bytes that make EchoUpperHandler answer with a JSON line about itself instead of an echo. */
export const WHOAMI_QUERY = Buffer.from('!whoami!');

/** The WHOAMI_QUERY answer: what the handler serving this connection knows of itself. */
export interface HandlerIdentity {
  client_address: Address;
  pid: number;
  thread: number;
}

function identityLine(client_address: Address): Buffer {
  const identity: HandlerIdentity = { client_address, pid: process.pid, thread: threadId };
  return Buffer.from(JSON.stringify(identity) + '\n');
}

/** Python's `bytes.upper()`: ASCII a-z only; every other byte is left alone. */
export function asciiUpper(data: Uint8Array): Buffer {
  const out = Buffer.from(data);
  for (let i = 0; i < out.length; i++) {
    const b = out[i]!;
    if (b >= 0x61 && b <= 0x7a) out[i] = b - 0x20;
  }
  return out;
}

/** Raised on purpose by the reference handler when it receives RAISE_TRIGGER. */
export class HandlerTriggeredError extends Error {
  constructor(client: Address) {
    super(`handler raised on request from ${client.join(':')} (RAISE_TRIGGER received)`);
    this.name = 'HandlerTriggeredError';
  }
}

export class EchoUpperHandler extends BaseRequestHandler {
  override async handle(): Promise<void> {
    for (;;) {
      let data: Buffer;
      try {
        data = await this.request.recv(1024);
      } catch {
        // 001: except Exception as EX: print('错误提示:', EX); break — a reset client ends the conversation.
        break;
      }
      if (data.length === 0) break;
      if (data.includes(RAISE_TRIGGER)) throw new HandlerTriggeredError(this.client_address);
      try {
        await this.request.sendall(data.equals(WHOAMI_QUERY) ? identityLine(this.client_address) : asciiUpper(data));
      } catch {
        break;
      }
    }
  }
}

/** 001's UDP handler: `self.request[1].sendto(self.request[0].upper(), self.client_address)`. */
export class UdpEchoUpperHandler extends BaseRequestHandler<DatagramRequest> {
  override async handle(): Promise<void> {
    const [data, socket] = this.request;
    if (data.includes(RAISE_TRIGGER)) throw new HandlerTriggeredError(this.client_address);
    await socket.sendto(data.equals(WHOAMI_QUERY) ? identityLine(this.client_address) : asciiUpper(data), this.client_address);
  }
}

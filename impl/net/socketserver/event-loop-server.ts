/**
 * A TCP server whose handlers all run on one event loop, interleaved at every await: the
 * select/event-loop model of 000's select server and of asyncio, under socketserver's API. The
 * accept loop starts each request and goes back to accepting at once, so clients are served
 * concurrently by one thread; a handler that computes without awaiting blocks them all.
 */
import type * as net from 'node:net';
import type { Address } from '../stream-connection';
import { TCPServer } from './tcp-server';

export class EventLoopTCPServer extends TCPServer {
  protected override async process_request(socket: net.Socket, client_address: Address): Promise<void> {
    this.track(this.runInProcess(socket, client_address));
  }
}

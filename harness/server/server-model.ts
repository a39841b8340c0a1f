import type { Json } from '../scenario/model';

/**
 * Servers as claims see them. Some claims are about a server as a whole (socketserver's
 * concurrency models, the FTP server): the claim asks the implementation to start one, probes it
 * over loopback as any client would, and judges what it saw. Because a probe only needs an
 * address, the same claim can judge a server someone else wrote (`conform run --target
 * host:port`), the way Autobahn|Testsuite judges third-party servers.
 */

/**
 * What a claim asks for: a protocol (what the server speaks) and, for servers that come in
 * several concurrency models, the model. Plain JSON, so an adapter in another language can start
 * its own server for it.
 */
export interface ServerRequest {
  /** e.g. `echo-upper` (the documents' upper-casing echo over TCP), `echo-upper-udp`, `ftp`. */
  protocol: string;
  /** e.g. `serial`, `threading`, `forking`, `event-loop`: socketserver's classes and their hand-made equivalents. */
  model?: string;
  /** Protocol-specific settings. */
  options?: { [key: string]: Json };
}

/** Where a started server listens and what a client needs to know to talk to it. */
export interface ServerTarget {
  host: string;
  port: number;
  /**
   * What the probe may need beyond the address: credentials of a server with accounts, the
   * bytes that make a handler raise. From the implementation, or from `--target-option k=v`.
   */
  info: { [key: string]: Json };
}

export interface RunningServer {
  readonly target: ServerTarget;
  /** Facts for the report (the server's pid, its model as the implementation names it). */
  readonly facts?: { [key: string]: Json };
  /** Stops the server and everything it started. Idempotent; resolves once all is released. */
  stop(): Promise<void>;
}

/**
 * The implementation cannot start the server asked for (no such protocol or model, or a target
 * that is not known to be one): the claim is `not-applicable` for it, with this message.
 */
export class ServerUnavailable extends Error {
  override readonly name = 'ServerUnavailable';
}

/** The protocols and models a set of server factories offers, to say so in messages. */
export function describeRequest(request: ServerRequest): string {
  return request.model === undefined ? request.protocol : `${request.protocol} (${request.model})`;
}

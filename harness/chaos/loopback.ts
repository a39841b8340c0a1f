import * as net from 'node:net';

/** The relay only ever listens on and connects to loopback addresses (127.0.0.0/8, ::1). */
export function assertLoopback(host: string, what: string): void {
  const loopback = host === 'localhost' || host === '::1' || (net.isIPv4(host) && host.startsWith('127.'));
  if (!loopback) throw new RangeError(`${what} must be a loopback address, got ${host}`);
}

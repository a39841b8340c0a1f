import { assertLoopback } from '../chaos/loopback';
import type { Target } from './probe-result';

/**
 * Parses `host:port` (`[::1]:port` for IPv6). Only loopback targets are accepted: the suite
 * sends traffic to nothing else.
 */
export function parseTarget(text: string): Target {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text.trim());
  if (!match) throw new RangeError(`--target must be host:port (or [v6]:port), got ${JSON.stringify(text)}`);
  const host = (match[1] ?? match[2])!;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) throw new RangeError(`--target port must be 1-65535, got ${port}`);
  assertLoopback(host, '--target');
  return [host, port];
}

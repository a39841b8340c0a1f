import { OverflowError } from '../../errors';
import { AF_INET, AF_INET6, AF_UNIX, type AddressFamily } from './constants';

/**
 * Socket addresses the way CPython spells them: `[host, port]` for AF_INET (a Python tuple
 * becomes an array), `[host, port, flowinfo, scope_id]` for AF_INET6, a path for AF_UNIX.
 * Parsing applies CPython's checks and errors (getsockaddrarg in socketmodule.c): a port outside
 * 0-65535 is an OverflowError naming the call, a wrong shape a TypeError.
 */

export type InetAddress = readonly [host: string, port: number];
export type Inet6Address = readonly [host: string, port: number, flowinfo: number, scopeId: number];
export type SocketAddress = InetAddress | Inet6Address | string;

/** What Node needs to reach an address. */
export type ResolvedAddress = { kind: 'inet'; host: string; port: number } | { kind: 'unix'; path: string };

const FAMILY_LABEL: Record<AddressFamily, string> = { [AF_INET]: 'AF_INET', [AF_INET6]: 'AF_INET6', [AF_UNIX]: 'AF_UNIX' };

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

/** `caller` is the method name CPython puts in its messages: `bind(): port must be 0-65535.` */
export function parseAddress(family: AddressFamily, value: unknown, caller: string): ResolvedAddress {
  if (family === AF_UNIX) {
    if (typeof value !== 'string') throw new TypeError(`a bytes-like object is required, not '${typeName(value)}'`);
    if (value.length === 0) throw new TypeError('AF_UNIX path must not be empty');
    return { kind: 'unix', path: value };
  }
  const label = FAMILY_LABEL[family];
  if (!Array.isArray(value)) throw new TypeError(`${label} address must be tuple, not ${typeName(value)}`);
  const arity = family === AF_INET ? 'a pair (host, port)' : 'a tuple (host, port[, flowinfo[, scopeid]])';
  if (family === AF_INET ? value.length !== 2 : value.length < 2 || value.length > 4) {
    throw new TypeError(`${label} address must be ${arity}`);
  }
  const [host, port] = value as unknown[];
  if (typeof host !== 'string') throw new TypeError(`str, bytes or bytearray expected, not ${typeName(host)}`);
  if (typeof port !== 'number' || !Number.isInteger(port)) throw new TypeError(`'${typeName(port)}' object cannot be interpreted as an integer`);
  if (port < 0 || port > 65535) throw new OverflowError(`${caller}(): port must be 0-65535.`);
  return { kind: 'inet', host: resolveHost(family, host), port };
}

/** '' is INADDR_ANY; 'localhost' is pinned to the loopback of the family, as getaddrinfo gives it first. */
function resolveHost(family: AddressFamily, host: string): string {
  if (host === '') return family === AF_INET6 ? '::' : '0.0.0.0';
  if (host === 'localhost') return family === AF_INET6 ? '::1' : '127.0.0.1';
  return host;
}

/** An address Node reported (e.g. `server.address()`), as CPython returns it. */
export function formatAddress(family: AddressFamily, host: string | undefined, port: number | undefined): SocketAddress {
  if (family === AF_INET6) return [host ?? '::', port ?? 0, 0, 0];
  return [host ?? '0.0.0.0', port ?? 0];
}

/** The unbound address CPython reports for a fresh socket of the family. */
export function unboundAddress(family: AddressFamily): SocketAddress {
  if (family === AF_UNIX) return '';
  return formatAddress(family, undefined, undefined);
}

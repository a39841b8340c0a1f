import * as fs from 'node:fs';
import type { Json } from '../../scenario/model';

/**
 * `socket_info` of an AF_UNIX socket bound to a path also says what is at that path: whether it
 * is a socket inode and its size (concepts.unix-socket-not-filesystem: the data never goes
 * through the file). Other sockets (an address tuple, an unbound or abstract name) add nothing.
 */
export function unixPathInfo(address: unknown): { [key: string]: Json } {
  if (typeof address !== 'string' || address === '' || address.startsWith('\0')) return {};
  try {
    const stat = fs.statSync(address);
    return { path: { is_socket: stat.isSocket(), size: stat.size } };
  } catch {
    return { path: null };
  }
}

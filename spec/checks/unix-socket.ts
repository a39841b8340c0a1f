import type { ScenarioCheck } from '../claim';
import { op, scenario, thread } from '../dsl';
import { all, checkEvery, expect, expectCompleted, find } from '../judging';
import { addressOf, fill, net, sockets } from '../socket-dsl';

/**
 * concepts.unix-socket-not-filesystem: 100000 bytes go through an AF_UNIX stream socket bound to
 * a path; afterwards the path is a socket inode of size 0 (socket_info reports what is there),
 * so the data passed through kernel buffers, not through the file.
 */

const SIZE = 100_000;

export const unixSocketNotFilesystem: ScenarioCheck = checkEvery(
  [
    scenario('100000 bytes over an AF_UNIX stream socket, then a look at its path', {
      objects: { srv: sockets.unixListener(), received: { type: 'event' } },
      deadlineUnits: 200,
      actors: [
        thread('receiver', [net.accept('srv', 'conn'), op.repeat(40, [net.recv('conn', 65536, { as: 'length' })]), op.set('received'), net.info('srv')]),
        thread('sender', [net.socket('c', { family: 'unix' }), net.connect('c', addressOf('srv')), net.sendall('c', fill('x', SIZE)), net.close('c')]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const received = all(run, 'recv').reduce((n, o) => n + (typeof o.value === 'number' ? o.value : 0), 0);
    expect(received === SIZE, `the receiver got all ${SIZE} bytes (got ${received})`);
    const info = find(run, 'receiver', 'socket_info').value as { family?: string; path?: { is_socket: boolean; size: number } | null };
    expect(info.family === 'AF_UNIX', `the listener is AF_UNIX (${String(info.family)})`);
    expect(info.path !== undefined && info.path !== null, 'socket_info says what is at the bound path', info as never);
    expect(info.path!.is_socket, 'the path is a socket inode, not a regular file', info as never);
    expect(info.path!.size === 0, `the path's size is 0 after ${SIZE} bytes went through (it is ${info.path!.size})`, info as never);
  },
  `${SIZE} bytes passed through an AF_UNIX socket whose path stayed a socket inode of size 0: the file only names the socket`,
);

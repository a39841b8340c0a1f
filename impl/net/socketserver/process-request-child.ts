/**
 * Child-process side of ForkingTCPServer: receives one request assignment together with the
 * connection's socket handle (passed over the IPC channel with SCM_RIGHTS), runs the handler on
 * it, closes the connection, reports `done` and disconnects so the process exits.
 */
import type * as net from 'node:net';
import { StreamConnection } from '../stream-connection';
import { type FromHandler, type RequestAssignment, describeError } from './bridge-protocol';
import { loadHandler, runHandler } from './request-handler';

const CLOSE_GRACE_MS = 2000;

process.once('message', (assignment: RequestAssignment, handle?: net.Socket) => {
  void (async () => {
    let error: Error | null = null;
    if (!handle) {
      error = new Error('the parent sent no socket handle');
    } else {
      process.send?.({ t: 'received' } satisfies FromHandler);
      const conn = new StreamConnection(handle);
      try {
        error = await runHandler(loadHandler(assignment.handler), conn, assignment.client_address, assignment.server);
      } catch (loadError) {
        error = loadError instanceof Error ? loadError : new Error(String(loadError));
      }
      conn.close();
      const grace = setTimeout(() => conn.reset(), CLOSE_GRACE_MS);
      await conn.closed;
      clearTimeout(grace);
    }
    const done: FromHandler = { t: 'done', error: error ? describeError(error) : null };
    process.send?.(done, () => process.disconnect());
  })();
});

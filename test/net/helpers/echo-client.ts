import { StreamConnection } from '../../../impl/net/stream-connection';

export const LOOPBACK = '127.0.0.1';

/** Sends `message` and reads until as many bytes came back (echo-upper keeps the length). */
export async function exchange(conn: StreamConnection, message: string | Buffer, timeout = 20): Promise<Buffer> {
  const bytes = typeof message === 'string' ? Buffer.from(message) : message;
  await conn.sendall(bytes);
  return conn.recvExactly(bytes.length, { timeout });
}

export function connect(port: number): Promise<StreamConnection> {
  return StreamConnection.connect(LOOPBACK, port, { timeout: 20 });
}

/** Resolves with what ended the connection from the client's side: 'eof' or the error's name. */
export async function endOf(conn: StreamConnection, timeout = 20): Promise<string> {
  try {
    for (;;) {
      const data = await conn.recv(65536, { timeout });
      if (data.length === 0) return 'eof';
    }
  } catch (error) {
    return (error as Error).name;
  }
}

/** Waits for `promise` or `ms`, whichever comes first, without leaving the timer behind. */
export async function waitAtMost(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

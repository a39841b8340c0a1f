/** Client moves the probes share: connect, exchange with echo-upper, see how a connection ends. */
import { StreamConnection } from '../../impl/net/stream-connection';
import type { Target } from './probe-result';

export function connectTo([host, port]: Target, timeout: number): Promise<StreamConnection> {
  return StreamConnection.connect(host, port, { timeout });
}

/** Sends `message` and reads as many bytes back (an echo keeps the length). */
export async function exchange(conn: StreamConnection, message: Uint8Array, timeout: number): Promise<Buffer> {
  await conn.sendall(message);
  return conn.recvExactly(message.length, { timeout });
}

/** How the connection ends from the client's side: 'eof', an error name, or 'open' if it does not within `timeout`. */
export async function endOf(conn: StreamConnection, timeout: number): Promise<string> {
  try {
    for (;;) {
      const data = await conn.recv(65536, { timeout });
      if (data.length === 0) return 'eof';
    }
  } catch (error) {
    const name = (error as Error).name;
    return name === 'TimeoutError' ? 'open' : name;
  }
}

/** The outcome of an async step as data, for evidence. */
export async function attempt<T>(step: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  try {
    return { ok: true, value: await step() };
  } catch (error) {
    return { ok: false, error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

/** `step`, or a TimeoutError after `seconds`: every wait of a probe has a deadline. */
export async function withDeadline<T>(step: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`no progress within ${seconds} s`);
      error.name = 'TimeoutError';
      reject(error);
    }, seconds * 1000);
  });
  try {
    return await Promise.race([step, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

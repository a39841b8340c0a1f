import * as net from 'node:net';

export interface SinkConnection {
  chunks: Buffer[];
  /** How the connection ended: 'end' (FIN), an error code (ECONNRESET), or null while open. */
  ended: string | null;
  socket: net.Socket;
  /** Resolves once the connection has ended. */
  done: Promise<void>;
}

/** A TCP server that records what each connection receives and how it ends. */
export async function startSink(onConnection: (conn: SinkConnection) => void = () => undefined) {
  const connections: SinkConnection[] = [];
  const server = net.createServer((socket) => {
    let finish!: () => void;
    const conn: SinkConnection = { chunks: [], ended: null, socket, done: new Promise((r) => (finish = r)) };
    connections.push(conn);
    socket.on('data', (chunk) => conn.chunks.push(chunk));
    socket.on('end', () => {
      conn.ended ??= 'end';
      finish();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      conn.ended ??= error.code ?? error.message;
      finish();
    });
    socket.on('close', () => finish());
    onConnection(conn);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections,
    close: async () => {
      for (const c of connections) c.socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls `probe` until it returns something (or throws after `ms`): for state other code fills in. */
export async function eventually<T>(probe: () => T | undefined | null, ms = 20_000): Promise<T> {
  const until = performance.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null) return value;
    if (performance.now() > until) throw new Error(`nothing after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * 002's servers as written: `conn, client_addr = server('127.0.0.1', 8080)` in a loop, where
 * `server()` creates a socket, binds, listens, accepts one client and returns only conn, so the
 * listener is dropped after each accept; each conn is then served concurrently (002 starts a
 * Process or Thread; here a task). What that does to clients that queue meanwhile is
 * socketserver.listener-per-client: those in the dropped listener's backlog are reset, those
 * connecting before the next listen() are refused. Kept for that claim only; the servers in
 * tcp-server.ts listen once.
 */
import { AF_INET, SOCK_STREAM, Socket } from '../socket';
import type { InetAddress } from '../socket/address';
import { asciiUpper } from './echo-upper-handler';

export class ListenerPerClientServer {
  private listener: Socket | null = null;
  private closed = false;
  private port = 0;
  private readonly conns = new Set<Socket>();
  private readonly serving = new Set<Promise<void>>();
  private stop!: () => void;
  /** Resolves on server_close: a pending accept on a closed facade socket is not woken, so the loop races this. */
  private readonly stopped = new Promise<null>((resolve) => (this.stop = () => resolve(null)));

  constructor(private readonly host = '127.0.0.1') {}

  get server_address(): [string, number] {
    return [this.host, this.port];
  }

  /** The first `server()` call's socket, bound and listening, so the port is known. */
  async server_activate(): Promise<void> {
    this.listener = await this.listen(0);
    this.port = (this.listener.getsockname() as InetAddress)[1];
  }

  private async listen(port: number): Promise<Socket> {
    const s = new Socket(AF_INET, SOCK_STREAM);
    await s.bind([this.host, port]);
    await s.listen(5);
    return s;
  }

  /** `while True: conn, addr = server(ip, port); Thread(target=talk, args=(conn,)).start()` */
  async serve_forever(): Promise<void> {
    while (!this.closed) {
      try {
        const listener = this.listener ?? (this.listener = await this.listen(this.port));
        const accepted = await Promise.race([listener.accept(), this.stopped]);
        if (accepted === null) break;
        const [conn] = accepted;
        // server() returns: its listening socket goes away, with whatever is queued on it.
        listener.close();
        this.listener = null;
        const talk = this.talk(conn).finally(() => this.serving.delete(talk));
        this.serving.add(talk);
      } catch (error) {
        if (this.closed) break;
        throw error;
      }
    }
  }

  /** 002's handler: recv(1024) until b'', answering each chunk upper-cased. */
  private async talk(conn: Socket): Promise<void> {
    this.conns.add(conn);
    try {
      for (;;) {
        const data = await conn.recv(1024);
        if (data.length === 0) break;
        await conn.sendall(asciiUpper(data));
      }
    } catch {
      // A client's reset ends its conversation only.
    } finally {
      conn.close();
      this.conns.delete(conn);
    }
  }

  async server_close(): Promise<void> {
    this.closed = true;
    this.stop();
    this.listener?.close();
    this.listener = null;
    for (const conn of this.conns) conn.close();
    await Promise.allSettled([...this.serving]);
  }
}

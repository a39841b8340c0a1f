/**
 * The FTP server (001 §十一): accounts from a file, a home per user under the root, every
 * connection served concurrently on Node's event loop — each is its own Session, and a slow or
 * stalled client holds up no other, since every wait is for that connection's own bytes or disk
 * operations. Memory stays bounded whatever the file sizes: bodies pass through in chunks, and
 * a connection whose peer does not read is paused by TCP flow control, not buffered.
 */
import * as net from 'node:net';
import { StreamConnection } from '../net/stream-connection';
import { ChecksumCache } from './checksum-cache';
import { QuotaGate } from './quota';
import { DEFAULT_SCRYPT, type ScryptParams } from './scram';
import { ServerState } from './server-state';
import { Session } from './session';
import { DEFAULT_LIMITS, type ServerEvent, type ServerLimits, type ServerServices } from './session-context';
import { UploadSlots } from './upload-slots';

export interface FtpServerOptions {
  /** Directory holding the homes (`<root>/<user>`) and the server's state (`<root>/.conform-ftp`). */
  root: string;
  accountsFile: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  limits?: Partial<ServerLimits>;
  /** The cost that accounts are created with, shown for unknown users too (default DEFAULT_SCRYPT). */
  kdf?: ScryptParams;
  /** Most connections at once; more are refused by the kernel's accept (default 1024). */
  maxConnections?: number;
  log?: (event: ServerEvent) => void;
}

export class FtpServer {
  private readonly sessions = new Set<Promise<void>>();
  private readonly connections = new Set<StreamConnection>();
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly listener: net.Server,
    private readonly services: ServerServices,
  ) {}

  static async start(options: FtpServerOptions): Promise<FtpServer> {
    const state = await ServerState.open(options.root);
    const services: ServerServices = {
      state,
      accountsFile: options.accountsFile,
      checksums: new ChecksumCache(),
      slots: new UploadSlots(),
      quota: new QuotaGate(),
      limits: { ...DEFAULT_LIMITS, ...options.limits },
      decoyKdf: options.kdf ?? DEFAULT_SCRYPT,
      log: options.log ?? (() => undefined),
    };
    const listener = net.createServer({ allowHalfOpen: true });
    listener.maxConnections = options.maxConnections ?? 1024;
    const server = new FtpServer(listener, services);
    listener.on('connection', (socket) => server.serve(socket));
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        listener.off('error', reject);
        resolve();
      });
    });
    return server;
  }

  get address(): { host: string; port: number } {
    const a = this.listener.address() as net.AddressInfo;
    return { host: a.address, port: a.port };
  }

  get root(): string {
    return this.services.state.root;
  }

  /** Connections open now. */
  get connectionCount(): number {
    return this.connections.size;
  }

  private serve(socket: net.Socket): void {
    if (this.closing) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    const connection = StreamConnection.wrap(socket);
    this.connections.add(connection);
    const client = `${socket.remoteAddress}:${socket.remotePort}`;
    const session = new Session(connection, this.services, client)
      .run()
      .then(() => connection.closed)
      .finally(() => {
        this.connections.delete(connection);
        this.sessions.delete(session);
      });
    this.sessions.add(session);
  }

  /**
   * Stops listening, cuts every connection (their uploads keep their parts for a resume), and
   * resolves once every session has ended and every socket is released. Idempotent.
   */
  close(): Promise<void> {
    return (this.closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => this.listener.close(() => resolve()));
      for (const connection of this.connections) connection.reset();
      await this.services.slots.abortAll();
      await Promise.all([...this.sessions]);
      await stopped;
    })());
  }
}

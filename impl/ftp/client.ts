/**
 * The FTP client library: one logged-in connection, its commands as methods, and — because a
 * connection can be cut — `reconnect()`, which logs in again with the keys already derived and
 * goes back to the same directory, so that a transfer (client-transfers.ts) can resume.
 */
import { StreamConnection } from '../net/stream-connection';
import { Credentials, type LoginResult } from './client-credentials';
import { expectOk, readReply, replyError } from './client-replies';
import { ConnectionLost, FtpError } from './ftp-error';
import { type Header, MessageChannel } from './message-channel';
import { DEFAULT_MAX_HEADER_BYTES, PROTOCOL_NAME, type EntryKind, type ListEntry } from './protocol';

export interface FtpClientOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Seconds any single wait (connect, a reply, a chunk) may take (default 30). */
  timeoutSeconds?: number;
}

export interface StatResult {
  path: string;
  kind: EntryKind;
  size: number;
  /** For files. */
  sha256?: string;
}

/** Listings larger than this are refused by the client (a server cannot make it hold more). */
const MAX_LISTING_BYTES = 64 * 1024 * 1024;

export class FtpClient {
  private channel: MessageChannel;
  private login: LoginResult;
  /** The directory the client believes it is in, restored on reconnect. */
  private cwd = '/';

  private constructor(
    private readonly options: FtpClientOptions,
    private readonly credentials: Credentials,
    opened: { channel: MessageChannel; login: LoginResult },
  ) {
    this.channel = opened.channel;
    this.login = opened.login;
    this.cwd = opened.login.cwd;
  }

  static async connect(options: FtpClientOptions): Promise<FtpClient> {
    const credentials = new Credentials(options.user, options.password);
    return new FtpClient(options, credentials, await FtpClient.open(options, credentials));
  }

  private static async open(options: FtpClientOptions, credentials: Credentials): Promise<{ channel: MessageChannel; login: LoginResult }> {
    const timeout = options.timeoutSeconds ?? 30;
    let connection: StreamConnection;
    try {
      connection = await StreamConnection.connect(options.host, options.port, { timeout });
    } catch (error) {
      throw new ConnectionLost(`cannot connect to ${options.host}:${options.port}: ${(error as Error).message}`);
    }
    connection.socket.setNoDelay(true);
    const channel = new MessageChannel(connection, { maxHeaderBytes: DEFAULT_MAX_HEADER_BYTES * 4, readTimeout: timeout });
    try {
      const greeting = await expectOk(channel);
      if (greeting['hello'] !== PROTOCOL_NAME) throw new FtpError('bad-frame', `the server does not greet as ${PROTOCOL_NAME}`);
      if (typeof greeting['max_header_bytes'] === 'number') channel.configure({ maxHeaderBytes: Math.max(greeting['max_header_bytes'], DEFAULT_MAX_HEADER_BYTES) });
      return { channel, login: await credentials.login(channel) };
    } catch (error) {
      channel.reset();
      throw error;
    }
  }

  get user(): string {
    return this.options.user;
  }

  get limits(): LoginResult['limits'] {
    return this.login.limits;
  }

  /** For transfers, which stream bodies themselves. */
  get messages(): MessageChannel {
    return this.channel;
  }

  /** A new connection in place of this one (cut or not), logged in, in the same directory. */
  async reconnect(): Promise<void> {
    this.channel.reset();
    const opened = await FtpClient.open(this.options, this.credentials);
    this.channel = opened.channel;
    this.login = opened.login;
    if (this.cwd !== '/') await this.cd(this.cwd);
  }

  /** Sends a request and returns its `ok` reply (its body, if it has one, left unread when `body` is true). */
  async request(header: { [key: string]: Header[string] }, options: { body?: boolean } = {}): Promise<Header> {
    await this.channel.send(header);
    if (!options.body) return expectOk(this.channel);
    const reply = await readReply(this.channel);
    if (reply['ok'] !== true) {
      if (reply.file_size > 0) await this.channel.discardBody(reply.file_size);
      throw replyError(reply);
    }
    return reply;
  }

  async pwd(): Promise<string> {
    return (this.cwd = String((await this.request({ cmd: 'pwd' }))['cwd']));
  }

  async cd(path: string): Promise<string> {
    return (this.cwd = String((await this.request({ cmd: 'cd', path }))['cwd']));
  }

  async ls(path?: string): Promise<ListEntry[]> {
    const reply = await this.request({ cmd: 'ls', ...(path === undefined ? {} : { path }) }, { body: true });
    if (reply.file_size > MAX_LISTING_BYTES) throw new FtpError('too-large', `a ${reply.file_size}-byte listing`, true);
    const entries = JSON.parse((await this.channel.readBody(reply.file_size)).toString('utf8')) as unknown;
    if (!Array.isArray(entries)) throw new FtpError('bad-frame', 'the listing is not a JSON array');
    return entries as ListEntry[];
  }

  async mkdir(path: string): Promise<string> {
    return String((await this.request({ cmd: 'mkdir', path }))['path']);
  }

  async stat(path: string): Promise<StatResult> {
    const r = await this.request({ cmd: 'stat', path });
    return { path: String(r['path']), kind: r['kind'] as EntryKind, size: Number(r['size']), ...(typeof r['sha256'] === 'string' ? { sha256: r['sha256'] } : {}) };
  }

  async rm(path: string): Promise<string> {
    return String((await this.request({ cmd: 'rm', path }))['path']);
  }

  /** Closes the connection (FIN). */
  close(): void {
    this.channel.close();
  }

  /** Drops the connection at once (RST), as a crash would. */
  reset(): void {
    this.channel.reset();
  }

  /** Resolves once the socket is released. */
  get closed(): Promise<void> {
    return this.channel.connection.closed;
  }
}

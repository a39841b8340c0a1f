/**
 * One client connection, from greeting to hang-up: login first, then one command at a time,
 * each answered before the next is read. Refusals are replies and the connection goes on; only
 * errors that leave the stream untrustworthy (a bad frame, a header over the limit, an
 * unexpected body, too many failed logins) end it, after their reply has been delivered. Nothing
 * the client sends is ever passed to a shell or used as anything but data and path names.
 */
import type { StreamConnection } from '../net/stream-connection';
import { AuthHandshake } from './auth-handshake';
import { ConnectionLost, FtpError } from './ftp-error';
import { get } from './download-command';
import { HomeJail } from './home-jail';
import { type Header, MessageChannel } from './message-channel';
import { cd, ls, mkdir, pwd, rm, stat, type Reply } from './navigation-commands';
import { PartStore } from './part-store';
import { PROTOCOL_NAME, PROTOCOL_VERSION } from './protocol';
import { usedBytes } from './quota';
import type { ServerServices, UserSession } from './session-context';
import { data, put } from './upload-command';

type CommandHandler = (session: UserSession, header: Header) => Reply | Promise<Reply>;

const COMMANDS: Record<string, CommandHandler> = { pwd, cd, ls, mkdir, stat, rm, put, data };

export class Session {
  private readonly channel: MessageChannel;
  private readonly auth: AuthHandshake;
  private user: UserSession | null = null;

  constructor(
    connection: StreamConnection,
    private readonly services: ServerServices,
    private readonly client: string,
  ) {
    this.channel = new MessageChannel(connection, { maxHeaderBytes: services.limits.maxHeaderBytes, readTimeout: services.limits.stallTimeoutSeconds });
    this.auth = new AuthHandshake(services);
  }

  /** Serves the connection until it ends; never rejects. */
  async run(): Promise<void> {
    const { limits } = this.services;
    this.services.log({ event: 'connect', client: this.client });
    try {
      await this.channel.send({ ok: true, hello: PROTOCOL_NAME, version: PROTOCOL_VERSION, max_header_bytes: limits.maxHeaderBytes });
      for (;;) {
        const header = await this.channel.readHeader(this.user === null ? limits.loginTimeoutSeconds : limits.idleTimeoutSeconds);
        if (header === null) break;
        if (!(await this.answer(header))) break;
      }
      this.channel.close();
    } catch (error) {
      if (error instanceof FtpError && error.close) {
        // A bad frame or an oversized header, found while reading one: say so, then hang up.
        await this.refuse(error);
      } else {
        if (!(error instanceof ConnectionLost)) this.internalError(error);
        this.channel.reset();
      }
    } finally {
      this.abandonUpload();
      this.services.log({ event: 'disconnect', client: this.client, ...(this.user === null ? {} : { user: this.user.user }) });
    }
  }

  /** Handles one request; false when the connection must end. */
  private async answer(header: Header): Promise<boolean> {
    const cmd = header['cmd'];
    try {
      if (cmd !== 'data') this.abandonUpload();
      if (cmd !== 'data' && header.file_size > 0) throw new FtpError('body-not-allowed', `${typeof cmd === 'string' ? cmd : 'a request'} takes no body, and this one announces ${header.file_size} bytes`, true);
      if (typeof cmd !== 'string') throw new FtpError('bad-request', 'the header has no "cmd" string');
      if (cmd === 'auth-start' || cmd === 'auth-proof') {
        await this.login(cmd, header);
        return true;
      }
      const known = Object.hasOwn(COMMANDS, cmd) || cmd === 'get';
      if (!known) throw new FtpError('unknown-command', `no command ${JSON.stringify(cmd)}`);
      const user = this.user;
      // An unread body (a data before login) leaves the stream mid-frame: hang up after saying why.
      if (user === null) throw new FtpError('auth-required', `log in before ${cmd}`, header.file_size > 0);
      if (cmd === 'get') {
        await get(user, header);
        return true;
      }
      const reply = await COMMANDS[cmd]!(user, header);
      await this.channel.send(reply.header, reply.body);
      return true;
    } catch (error) {
      if (error instanceof ConnectionLost) throw error;
      if (!(error instanceof FtpError)) {
        this.internalError(error);
        await this.refuse(new FtpError('internal', 'the server failed to carry out the request', true));
        return false;
      }
      this.services.log({ event: 'refused', client: this.client, ...(this.user === null ? {} : { user: this.user.user }), detail: `${String(cmd)}: ${error.code}: ${error.message}` });
      if (error.close) {
        await this.refuse(error);
        return false;
      }
      await this.channel.send({ ok: false, error: { ...error.toBody() } });
      return true;
    }
  }

  private async login(cmd: 'auth-start' | 'auth-proof', header: Header): Promise<void> {
    if (this.user !== null) throw new FtpError('bad-request', `already logged in as ${this.user.user}`);
    if (cmd === 'auth-start') {
      await this.channel.send(await this.auth.start(header));
      return;
    }
    let outcome;
    try {
      outcome = this.auth.proof(header);
    } catch (error) {
      if (error instanceof FtpError && error.code === 'auth-failed') this.services.log({ event: 'login-failed', client: this.client, detail: String(header['cmd']) });
      throw error;
    }
    const { state, limits } = this.services;
    const jail = await HomeJail.open(state.homeOf(outcome.user));
    const parts = new PartStore(state.partsOf(outcome.user));
    const quotaBytes = outcome.account.quotaBytes ?? limits.defaultQuotaBytes;
    this.user = { user: outcome.user, quotaBytes, jail, parts, cwd: [], pendingUpload: null, channel: this.channel, services: this.services, client: this.client };
    const used = await usedBytes({ home: jail.home, parts, slots: this.services.slots, user: outcome.user });
    this.services.log({ event: 'login', client: this.client, user: outcome.user });
    await this.channel.send({
      ok: true,
      user: outcome.user,
      cwd: '/',
      server_signature: outcome.signature,
      limits: { max_file_bytes: limits.maxFileBytes, quota_bytes: quotaBytes, used_bytes: used },
    });
  }

  /** The last reply before hanging up, delivered before the connection closes. */
  private async refuse(error: FtpError): Promise<void> {
    try {
      await this.channel.send({ ok: false, error: { ...error.toBody() }, close: true });
      await this.channel.closeAfterReply();
    } catch {
      this.channel.reset();
    }
  }

  private abandonUpload(): void {
    const pending = this.user?.pendingUpload;
    if (pending) {
      pending.slot.release();
      this.user!.pendingUpload = null;
    }
  }

  private internalError(error: unknown): void {
    const e = error as Error;
    this.services.log({ event: 'internal-error', client: this.client, detail: e?.stack ?? String(error) });
  }
}

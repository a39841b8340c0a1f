/** What the commands of a connection work with: the server's shared parts and the user's own. */
import type { ChecksumCache } from './checksum-cache';
import type { HomeJail } from './home-jail';
import type { MessageChannel } from './message-channel';
import type { PartStore } from './part-store';
import type { QuotaGate } from './quota';
import type { ScryptParams } from './scram';
import type { ServerState } from './server-state';
import type { UploadSlot, UploadSlots } from './upload-slots';
import type { VirtualPath } from './virtual-path';

export interface ServerLimits {
  /** Largest request header, in bytes; a larger one is answered header-too-large and the connection closed. */
  maxHeaderBytes: number;
  /** Largest file a `put` may announce. */
  maxFileBytes: number;
  /** Quota of a user whose account sets none. */
  defaultQuotaBytes: number;
  /** Seconds a logged-in connection may stay silent between requests. */
  idleTimeoutSeconds: number;
  /** Seconds a connection has to log in. */
  loginTimeoutSeconds: number;
  /** Seconds a body may stall (no byte arriving, or the client not reading) before the connection is dropped. */
  stallTimeoutSeconds: number;
  /** Failed logins on one connection before the server hangs up. */
  maxLoginFailures: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxHeaderBytes: 16 * 1024,
  maxFileBytes: 4 * 1024 ** 3,
  defaultQuotaBytes: 10 * 1024 ** 3,
  idleTimeoutSeconds: 300,
  loginTimeoutSeconds: 30,
  stallTimeoutSeconds: 60,
  maxLoginFailures: 5,
};

export interface ServerEvent {
  event: 'connect' | 'login' | 'login-failed' | 'refused' | 'stored' | 'sent' | 'disconnect' | 'internal-error';
  client: string;
  user?: string;
  detail?: string;
}

export interface ServerServices {
  state: ServerState;
  accountsFile: string;
  checksums: ChecksumCache;
  slots: UploadSlots;
  quota: QuotaGate;
  limits: ServerLimits;
  /** The cost shown for users that do not exist: the one real accounts are created with. */
  decoyKdf: ScryptParams;
  log(event: ServerEvent): void;
}

/** An upload between its `put` and its `data`. */
export interface PendingUpload {
  vpath: VirtualPath;
  size: number;
  sha256: string;
  part: string;
  offset: number;
  slot: UploadSlot;
}

export interface UserSession {
  readonly user: string;
  readonly quotaBytes: number;
  readonly jail: HomeJail;
  readonly parts: PartStore;
  cwd: VirtualPath;
  pendingUpload: PendingUpload | null;
  readonly channel: MessageChannel;
  readonly services: ServerServices;
  readonly client: string;
}

/**
 * The FTP service of 001 §十一 over the documents' header framing: a server (FtpServer), a
 * client library (FtpClient with resumable, verified transfers), and the accounts file. The
 * wire protocol is specified in docs/ftp-protocol.md.
 */
export { FtpServer, type FtpServerOptions } from './server';
export { FtpClient, type FtpClientOptions, type StatResult } from './client';
export { upload, download, type TransferOptions, type TransferProgress, type TransferResult } from './client-transfers';
export { bufferSource, fileSource, type UploadSource } from './upload-sources';
export { bufferTarget, fileTarget, partFileFor, type DownloadTarget } from './download-targets';
export { addUser, readAccounts, writeAccounts, AccountsError, USER_NAME, type Account, type AddUserOptions } from './accounts';
export { DEFAULT_SCRYPT, type ScryptParams } from './scram';
export { FtpError, ConnectionLost } from './ftp-error';
export { DEFAULT_LIMITS, type ServerLimits, type ServerEvent } from './session-context';
export { AUTH_FAILED_MESSAGE } from './auth-handshake';
export { STATE_DIR } from './server-state';
export * from './protocol';

import { FtpClient } from './client';
import { download, upload, type TransferOptions, type TransferResult } from './client-transfers';
import { bufferTarget, fileTarget } from './download-targets';
import { bufferSource, fileSource } from './upload-sources';

/** Uploads the local file `local` to `remote`, resuming and verifying. */
export async function putFile(client: FtpClient, local: string, remote: string, options?: TransferOptions): Promise<TransferResult> {
  const source = await fileSource(local);
  try {
    return await upload(client, source, remote, options);
  } finally {
    await source.close();
  }
}

/** Downloads `remote` to the local file `local`, resuming from a part file and verifying. */
export function getFile(client: FtpClient, remote: string, local: string, options?: TransferOptions): Promise<TransferResult> {
  return download(client, remote, fileTarget(local), options);
}

export function putBuffer(client: FtpClient, bytes: Uint8Array, remote: string, options?: TransferOptions): Promise<TransferResult> {
  return upload(client, bufferSource(bytes), remote, options);
}

export async function getBuffer(client: FtpClient, remote: string, options?: TransferOptions): Promise<{ bytes: Buffer; result: TransferResult }> {
  const target = bufferTarget();
  const result = await download(client, remote, target, options);
  return { bytes: target.bytes(), result };
}

/** Reading a request's fields with their types checked; a wrong one is a `bad-request` reply. */
import { FtpError } from './ftp-error';
import type { Header } from './message-channel';

export function stringField(header: Header, name: string): string {
  const v = header[name];
  if (typeof v !== 'string') throw new FtpError('bad-request', `${header['cmd']}: "${name}" must be a string`);
  return v;
}

export function optionalStringField(header: Header, name: string): string | undefined {
  return header[name] === undefined || header[name] === null ? undefined : stringField(header, name);
}

export function countField(header: Header, name: string): number {
  const v = header[name];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new FtpError('bad-request', `${header['cmd']}: "${name}" must be a non-negative integer`);
  return v;
}

export function optionalCountField(header: Header, name: string): number | undefined {
  return header[name] === undefined || header[name] === null ? undefined : countField(header, name);
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Field(header: Header, name: string): string {
  const v = stringField(header, name).toLowerCase();
  if (!SHA256_HEX.test(v)) throw new FtpError('bad-request', `${header['cmd']}: "${name}" must be 64 hex digits (SHA-256)`);
  return v;
}

export function optionalSha256Field(header: Header, name: string): string | undefined {
  return header[name] === undefined || header[name] === null ? undefined : sha256Field(header, name);
}

/**
 * The FTP service's wire protocol (docs/ftp-protocol.md is the normative text): every message,
 * both ways, is one frame of the documents' header framing — a 4-byte little-endian length, a
 * UTF-8 JSON header carrying `file_size`, then `file_size` bytes of body. A request's header names
 * its command in `cmd`; every request gets exactly one reply, in order, with `ok` true or false.
 */

export const PROTOCOL_NAME = 'conform-ftp';
export const PROTOCOL_VERSION = 1;

/** Largest header the reference accepts unless configured otherwise (announced in the greeting). */
export const DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
/** Bytes per body chunk read from or written to a socket or a file. */
export const CHUNK_BYTES = 64 * 1024;

/** Paths: at most this many UTF-8 bytes in all, and per name between slashes (Linux's PATH_MAX, NAME_MAX). */
export const MAX_PATH_BYTES = 4096;
export const MAX_NAME_BYTES = 255;

export type Command = 'auth-start' | 'auth-proof' | 'pwd' | 'cd' | 'ls' | 'mkdir' | 'stat' | 'rm' | 'put' | 'data' | 'get';

export const COMMANDS: readonly Command[] = ['auth-start', 'auth-proof', 'pwd', 'cd', 'ls', 'mkdir', 'stat', 'rm', 'put', 'data', 'get'];

/** Why a request was refused; `error.code` of a reply. */
export type ErrorCode =
  /** A field is missing or has the wrong type, or a value is out of range. */
  | 'bad-request'
  | 'unknown-command'
  /** A command other than auth-start/auth-proof before logging in. */
  | 'auth-required'
  /** The user does not exist or the password is wrong: the same reply for both. */
  | 'auth-failed'
  /** A path with a NUL or control character, a name over 255 bytes, a path over 4096 bytes, an empty path. */
  | 'bad-path'
  /** The path leads outside the user's home: `..` above it, or a symbolic link pointing out. */
  | 'outside-home'
  | 'not-found'
  | 'not-a-directory'
  | 'is-a-directory'
  | 'exists'
  | 'not-empty'
  /** The file is larger than the server's maximum file size. */
  | 'too-large'
  /** The upload would take the user over their quota. */
  | 'quota-exceeded'
  /** The uploaded bytes do not have the announced SHA-256: nothing was stored. */
  | 'checksum-mismatch'
  /** A download's expected `sha256` is not the file's any more: start again from offset 0. */
  | 'changed'
  /** A later `put` to the same name took it over; this upload's bytes were discarded. */
  | 'superseded'
  /** `data` without a `put` just before it. */
  | 'no-upload'
  /** `data`'s offset or size is not what the `put` reply said. */
  | 'offset-mismatch'
  /** A header above the announced maximum. */
  | 'header-too-large'
  /** The frame is not well formed (bad length, not UTF-8, not a JSON object, no file_size). */
  | 'bad-frame'
  /** A body on a request that takes none. */
  | 'body-not-allowed'
  | 'internal';

/** The error part of a refusing reply. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** `ls` body entries. `link`: a symbolic link (not followed); `other`: sockets, devices, fifos. */
export type EntryKind = 'file' | 'dir' | 'link' | 'other';

export interface ListEntry {
  name: string;
  kind: EntryKind;
  /** Bytes (for a link, the length of its target path, as lstat says). */
  size: number;
}

/** What the greeting says, before anything is asked. */
export interface Greeting {
  ok: true;
  file_size: 0;
  hello: typeof PROTOCOL_NAME;
  version: number;
  max_header_bytes: number;
}

/** The limits a logged-in user is told about. */
export interface UserLimits {
  max_file_bytes: number;
  quota_bytes: number;
  used_bytes: number;
}

/**
 * 用户加密认证 as a challenge–response that never sends the password, nor anything a listener
 * could replay, and never stores it: SCRAM (RFC 5802) with scrypt as the slow, salted key
 * derivation instead of PBKDF2.
 *
 *   SaltedPassword = scrypt(password, salt, N, r, p, 32)        (per-user random salt)
 *   ClientKey      = HMAC-SHA256(SaltedPassword, "Client Key")
 *   StoredKey      = SHA256(ClientKey)                           (stored)
 *   ServerKey      = HMAC-SHA256(SaltedPassword, "Server Key")   (stored)
 *   AuthMessage    = "conform-ftp-auth:" user ":" client_nonce ":" server_nonce
 *   ClientProof    = ClientKey XOR HMAC-SHA256(StoredKey, AuthMessage)    (sent by the client)
 *   ServerSignature = HMAC-SHA256(ServerKey, AuthMessage)                 (sent by the server)
 *
 * The server recovers ClientKey from the proof and compares SHA256 of it with StoredKey in
 * constant time. The accounts file holds only StoredKey and ServerKey: reading it is not enough
 * to log in, and the slow scrypt stands between it and a dictionary attack.
 */
import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  name: 'scrypt';
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
  dklen: number;
}

/** 32 MiB and ~0.1 s per derivation on a laptop: slow for a guesser, fine for a login. */
export const DEFAULT_SCRYPT: ScryptParams = { name: 'scrypt', N: 2 ** 15, r: 8, p: 1, dklen: 32 };

/** What a client accepts from a server, so a hostile one cannot make it spend gigabytes. */
export const MAX_SCRYPT = { N: 2 ** 20, r: 32, p: 16, dklen: 64 };

export const SALT_BYTES = 16;
export const NONCE_BYTES = 18;

/** What the accounts file keeps for a user. */
export interface StoredCredentials {
  kdf: ScryptParams;
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

/** Why a KDF description is unacceptable, or null. */
export function scryptParamsProblem(kdf: unknown): string | null {
  if (typeof kdf !== 'object' || kdf === null) return 'kdf must be an object';
  const k = kdf as Record<string, unknown>;
  if (k['name'] !== 'scrypt') return `kdf.name must be "scrypt", got ${JSON.stringify(k['name'])}`;
  const ints: [keyof typeof MAX_SCRYPT, number][] = [['N', 2], ['r', 1], ['p', 1], ['dklen', 16]];
  for (const [field, min] of ints) {
    const v = k[field];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > MAX_SCRYPT[field]) return `kdf.${field} must be an integer from ${min} to ${MAX_SCRYPT[field]}`;
  }
  const n = k['N'] as number;
  if ((n & (n - 1)) !== 0) return 'kdf.N must be a power of two';
  return null;
}

export function saltedPassword(password: string, salt: Buffer, kdf: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly the default cost's need.
    const maxmem = 256 * kdf.N * kdf.r + 1024 * 1024;
    scrypt(Buffer.from(password, 'utf8'), salt, kdf.dklen, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function hmac(key: Buffer, text: string | Buffer): Buffer {
  return createHmac('sha256', key).update(text).digest();
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/** The client's keys, derived once per (password, salt, cost) and reusable for reconnections. */
export interface ClientKeys {
  clientKey: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

export function keysFrom(salted: Buffer): ClientKeys {
  const clientKey = hmac(salted, 'Client Key');
  return { clientKey, storedKey: sha256(clientKey), serverKey: hmac(salted, 'Server Key') };
}

/** New credentials for `password`, with a fresh random salt. */
export async function createCredentials(password: string, kdf: ScryptParams = DEFAULT_SCRYPT): Promise<StoredCredentials> {
  const salt = randomBytes(SALT_BYTES);
  const keys = keysFrom(await saltedPassword(password, salt, kdf));
  return { kdf, salt, storedKey: keys.storedKey, serverKey: keys.serverKey };
}

export function newNonce(): string {
  return randomBytes(NONCE_BYTES).toString('base64');
}

export function authMessage(user: string, clientNonce: string, serverNonce: string): string {
  return `conform-ftp-auth:${user}:${clientNonce}:${serverNonce}`;
}

export function clientProof(keys: ClientKeys, message: string): Buffer {
  return xor(keys.clientKey, hmac(keys.storedKey, message));
}

export function serverSignature(serverKey: Buffer, message: string): Buffer {
  return hmac(serverKey, message);
}

/**
 * Whether `proof` shows knowledge of the password behind `storedKey`. Always does the same work
 * and compares in constant time, whatever the proof (a wrong length compares against zeros).
 */
export function verifyProof(storedKey: Buffer, message: string, proof: Buffer): boolean {
  const signature = hmac(storedKey, message);
  const sized = proof.length === signature.length ? proof : Buffer.alloc(signature.length);
  const candidate = sha256(xor(sized, signature));
  return timingSafeEqual(candidate, storedKey) && proof.length === signature.length;
}

export function signaturesEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

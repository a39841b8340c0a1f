/**
 * 001 §十's client authentication, "hmac + salt" without SSL: on each connection the server sends
 * a fresh random challenge (the salt that makes every exchange different), the client answers
 * with HMAC(key, salt ‖ challenge), and the server compares in constant time
 * (crypto.timingSafeEqual). A fixed `salt`, if configured, is mixed in as well, so a key shared
 * with another service does not produce the same answers.
 *
 * The document's code was lost; the classic version sends raw bytes and reads
 * `conn.recv(len(digest))`, which cannot tell a correct answer followed by junk from a correct
 * answer, and hangs on a short one. Here both messages are length-framed (`struct.pack('i')`
 * prefix) and the server: refuses a length other than the digest's before reading it, stops
 * waiting after `timeout`, and answers with a verdict frame (`ok` or `denied`). It only proves
 * the client holds the key; the traffic after it is neither encrypted nor protected.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type ByteOrder, DEFAULT_BYTE_ORDER, packInt32, unpackInt32 } from './length-prefix';
import type { RecvOptions } from './stream-connection';

export type HmacDigest = 'sha256' | 'sha512' | 'sha1' | 'md5';

export interface HmacAuthOptions {
  key: Uint8Array;
  /** Mixed in before the challenge (default none). */
  salt?: Uint8Array;
  /** Default sha256 (CPython 3.8+ requires naming one; the classic code's implicit md5 is gone). */
  digest?: HmacDigest;
  /** Challenge length in bytes (default 32, as os.urandom(32)). */
  challengeBytes?: number;
  /** Seconds the server waits for the answer, and the client for the challenge and verdict (default 5). */
  timeout?: number;
  byteOrder?: ByteOrder;
}

/** What authentication needs from a connection. */
export interface AuthStream {
  recvExactly(n: number, options?: RecvOptions): Promise<Buffer>;
  sendall(data: Uint8Array): Promise<void>;
}

export type AuthFailure =
  /** The answer had the right length and the wrong bytes (wrong key, replayed answer). */
  | 'wrong-answer'
  /** The answer's announced length is not the digest's (truncated, oversized or negative). */
  | 'wrong-length'
  /** The client stopped before its answer was complete. */
  | 'closed'
  /** The answer did not arrive within `timeout`. */
  | 'timeout';

export type AuthResult = { ok: true } | { ok: false; reason: AuthFailure; detail: string };

const VERDICT_OK = Buffer.from('ok');
const VERDICT_DENIED = Buffer.from('denied');
/** The client accepts challenges up to this size (a hostile server cannot make it allocate more). */
const MAX_CHALLENGE_BYTES = 4096;

export function digestLength(digest: HmacDigest = 'sha256'): number {
  return createHmac(digest, '').digest().length;
}

export function createChallenge(bytes = 32): Buffer {
  return randomBytes(bytes);
}

/** HMAC(key, salt ‖ challenge): what a client holding `key` answers to `challenge`. */
export function answerChallenge(challenge: Uint8Array, options: Pick<HmacAuthOptions, 'key' | 'salt' | 'digest'>): Buffer {
  const mac = createHmac(options.digest ?? 'sha256', options.key);
  if (options.salt) mac.update(options.salt);
  return mac.update(challenge).digest();
}

/** Constant-time comparison of `answer` with the expected one; a wrong length is false at once. */
export function verifyAnswer(challenge: Uint8Array, answer: Uint8Array, options: Pick<HmacAuthOptions, 'key' | 'salt' | 'digest'>): boolean {
  const expected = answerChallenge(challenge, options);
  return answer.length === expected.length && timingSafeEqual(expected, answer);
}

function frame(data: Uint8Array, order: ByteOrder): Buffer {
  return Buffer.concat([packInt32(data.length, order), data]);
}

/** A length-framed message of at most `max` bytes; null when its length is out of range. */
async function receiveFramed(stream: AuthStream, max: number, options: HmacAuthOptions): Promise<{ data: Buffer } | { length: number }> {
  const recv = { timeout: options.timeout ?? 5 };
  const length = unpackInt32(await stream.recvExactly(4, recv), options.byteOrder ?? DEFAULT_BYTE_ORDER);
  if (length < 0 || length > max) return { length };
  return { data: await stream.recvExactly(length, recv) };
}

function failure(reason: AuthFailure, detail: string): AuthResult {
  return { ok: false, reason, detail };
}

/**
 * Server side: challenge the client, check its answer, send the verdict. Never throws for a bad
 * client (a socket error while sending the verdict included): the result says why it failed,
 * and the caller closes the connection.
 */
export async function authenticateClient(stream: AuthStream, options: HmacAuthOptions): Promise<AuthResult> {
  const order = options.byteOrder ?? DEFAULT_BYTE_ORDER;
  const challenge = createChallenge(options.challengeBytes ?? 32);
  const expectedLength = digestLength(options.digest);
  let result: AuthResult;
  try {
    await stream.sendall(frame(challenge, order));
    const answer = await receiveFramed(stream, expectedLength, options);
    if (!('data' in answer)) result = failure('wrong-length', `the answer announced ${answer.length} bytes; a ${options.digest ?? 'sha256'} HMAC has ${expectedLength}`);
    else if (answer.data.length !== expectedLength) result = failure('wrong-length', `the answer has ${answer.data.length} bytes; a ${options.digest ?? 'sha256'} HMAC has ${expectedLength}`);
    else if (!verifyAnswer(challenge, answer.data, options)) result = failure('wrong-answer', 'the answer is not the HMAC of this connection\'s challenge under the shared key');
    else result = { ok: true };
  } catch (error) {
    const name = (error as Error).name;
    result = failure(name === 'TimeoutError' ? 'timeout' : 'closed', `no complete answer: ${(error as Error).message}`);
  }
  try {
    await stream.sendall(frame(result.ok ? VERDICT_OK : VERDICT_DENIED, order));
  } catch {
    // The client is gone or has stopped listening; the verdict stands.
  }
  return result;
}

/** Client side: answer the server's challenge; true when the server said `ok`. */
export async function proveIdentity(stream: AuthStream, options: HmacAuthOptions): Promise<boolean> {
  const order = options.byteOrder ?? DEFAULT_BYTE_ORDER;
  const challenge = await receiveFramed(stream, MAX_CHALLENGE_BYTES, options);
  if (!('data' in challenge)) throw new RangeError(`the server's challenge announced ${challenge.length} bytes`);
  await stream.sendall(frame(answerChallenge(challenge.data, options), order));
  const verdict = await receiveFramed(stream, VERDICT_DENIED.length, options);
  return 'data' in verdict && verdict.data.equals(VERDICT_OK);
}

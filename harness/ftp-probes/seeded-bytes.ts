import { createCipheriv, createHash } from 'node:crypto';

/** `n` pseudo-random bytes determined by (seed, label): AES-128-CTR over zeros, fast for megabytes. */
export function seededBytes(seed: number, label: string, n: number): Buffer {
  const key = createHash('sha256').update(`${seed}:${label}`).digest();
  const cipher = createCipheriv('aes-128-ctr', key.subarray(0, 16), key.subarray(16, 32));
  return cipher.update(Buffer.alloc(n));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

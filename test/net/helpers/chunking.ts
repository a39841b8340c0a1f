import fc from 'fast-check';

/** `bytes` cut at the given offsets (sorted, deduplicated, inside the buffer). */
export function splitAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(bytes.length, c))))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let start = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(start, p));
    start = p;
  }
  return out;
}

/** A buffer together with an arbitrary slicing of it (empty slices included). */
export function withSlicing(bytes: fc.Arbitrary<Buffer>): fc.Arbitrary<{ bytes: Buffer; chunks: Buffer[] }> {
  return bytes.chain((b) =>
    fc.array(fc.integer({ min: 0, max: b.length }), { maxLength: Math.min(64, b.length + 2) }).map((cuts) => ({ bytes: b, chunks: splitAt(b, cuts) })),
  );
}

export const bodyBytes = (maxLength = 300): fc.Arbitrary<Buffer> => fc.uint8Array({ maxLength }).map((a) => Buffer.from(a));

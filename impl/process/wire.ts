import * as v8 from 'node:v8';

/**
 * Framing for the Unix-socket links between processes: a 4-byte big-endian length, then the
 * message in V8's serialization format (the structured-clone algorithm, so Maps, Dates, typed
 * arrays and BigInts survive the trip as they do through worker postMessage).
 */

const HEADER_BYTES = 4;

export function encodeFrame(message: unknown): Buffer {
  const body = v8.serialize(message);
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32BE(body.length, 0);
  return Buffer.concat([header, body]);
}

/** Accumulates stream chunks and yields every complete message. */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): unknown[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const messages: unknown[] = [];
    while (this.pending.length >= HEADER_BYTES) {
      const length = this.pending.readUInt32BE(0);
      if (this.pending.length < HEADER_BYTES + length) break;
      messages.push(v8.deserialize(this.pending.subarray(HEADER_BYTES, HEADER_BYTES + length)));
      this.pending = this.pending.subarray(HEADER_BYTES + length);
    }
    return messages;
  }
}

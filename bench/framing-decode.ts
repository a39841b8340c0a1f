/**
 * In-memory framing throughput: a stream of length-prefixed messages, pre-encoded and sliced into
 * fixed-size chunks (so frames straddle chunk boundaries), fed to a fresh LengthFrameDecoder per
 * round. Each round also checks the decoder returned every message with the right size. The
 * baselines do the same bytes' worth of work without a decoder: one copy of the stream into a
 * buffer allocated once (64 KiB messages) or one subarray per message at known offsets (16-byte messages).
 */
import { performance } from 'node:perf_hooks';
import { LengthFrameDecoder } from '../impl/net/frame-decoder';
import { encodeLengthFrame } from '../impl/net/framing';

export interface DecodeBenchOptions {
  messageBytes: number;
  messages: number;
  chunkBytes: number;
  repetitions: number;
  warmupRounds: number;
}

export interface DecodeBenchSamples {
  /** Payload bytes per second through the decoder, one per measured round. */
  referenceBytesPerSecond: number[];
  baselineBytesPerSecond: number[];
}

function encodedStream(options: DecodeBenchOptions): Buffer {
  const payload = Buffer.alloc(options.messageBytes, 0x61);
  return Buffer.concat(Array.from({ length: options.messages }, () => encodeLengthFrame(payload)));
}

function sliced(stream: Buffer, chunkBytes: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < stream.length; at += chunkBytes) chunks.push(stream.subarray(at, at + chunkBytes));
  return chunks;
}

function decodeRound(chunks: readonly Buffer[], options: DecodeBenchOptions): void {
  const decoder = new LengthFrameDecoder();
  let count = 0;
  for (const chunk of chunks) {
    decoder.write(chunk);
    for (let message = decoder.read(); message !== null; message = decoder.read()) {
      if (message.length !== options.messageBytes) throw new Error(`decoder returned ${message.length} bytes, expected ${options.messageBytes}`);
      count++;
    }
  }
  if (count !== options.messages) throw new Error(`decoder returned ${count} messages, expected ${options.messages}`);
}

/** Copy for big messages (into a buffer allocated once), per-message subarray for small ones. */
function baselineRound(stream: Buffer, chunks: readonly Buffer[], options: DecodeBenchOptions, target: Buffer): void {
  if (options.messageBytes >= options.chunkBytes) {
    let at = 0;
    for (const chunk of chunks) at += chunk.copy(target, at);
    if (at !== stream.length) throw new Error('copy lost bytes');
    return;
  }
  const frame = 4 + options.messageBytes;
  let total = 0;
  for (let at = 0; at < stream.length; at += frame) total += stream.subarray(at + 4, at + 4 + stream.readInt32LE(at)).length;
  if (total !== options.messages * options.messageBytes) throw new Error('baseline lost bytes');
}

function timed(body: () => void): number {
  const started = performance.now();
  body();
  return (performance.now() - started) / 1000;
}

export function measureFramingDecode(options: DecodeBenchOptions): DecodeBenchSamples {
  const stream = encodedStream(options);
  const chunks = sliced(stream, options.chunkBytes);
  const payloadBytes = options.messages * options.messageBytes;
  const target = Buffer.allocUnsafe(stream.length);
  const samples: DecodeBenchSamples = { referenceBytesPerSecond: [], baselineBytesPerSecond: [] };
  for (let round = 1; round <= options.warmupRounds + options.repetitions; round++) {
    const reference = timed(() => decodeRound(chunks, options));
    const baseline = timed(() => baselineRound(stream, chunks, options, target));
    if (round <= options.warmupRounds) continue;
    samples.referenceBytesPerSecond.push(payloadBytes / reference);
    samples.baselineBytesPerSecond.push(payloadBytes / baseline);
  }
  return samples;
}

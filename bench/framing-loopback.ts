/**
 * Framed transfer over loopback against a raw socket transfer of the same bytes: a client sends
 * `messages` length-prefixed 64 KiB frames (encoded once, before timing) to a server on
 * 127.0.0.1, which feeds every chunk it receives to a LengthFrameDecoder and counts messages;
 * the baseline server only counts bytes. Same process, same event loop, same socket settings
 * for both, so the difference is the decoder's work on the receiving side.
 */
import * as net from 'node:net';
import { performance } from 'node:perf_hooks';
import { LengthFrameDecoder } from '../impl/net/frame-decoder';
import { encodeLengthFrame } from '../impl/net/framing';

export interface LoopbackBenchOptions {
  messageBytes: number;
  messages: number;
  repetitions: number;
  warmupRounds: number;
  deadlineMs: number;
}

export interface LoopbackBenchSamples {
  referenceBytesPerSecond: number[];
  baselineBytesPerSecond: number[];
}

type Receiver = (chunk: Buffer) => boolean;

/** One transfer; `receiver` returns true once everything arrived. Resolves with seconds taken. */
function transfer(frames: readonly Buffer[], makeReceiver: () => Receiver, deadlineMs: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let started = 0;
    let client: net.Socket | null = null;
    const server = net.createServer((socket) => {
      const receiver = makeReceiver();
      socket.on('data', (chunk: Buffer) => {
        let done: boolean;
        try {
          done = receiver(chunk);
        } catch (error) {
          finish(error as Error);
          return;
        }
        if (done) {
          socket.destroy();
          finish(null, (performance.now() - started) / 1000);
        }
      });
    });
    const timer = setTimeout(() => finish(new Error(`loopback transfer did not finish within ${deadlineMs} ms`)), deadlineMs);
    function finish(error: Error | null, seconds = 0): void {
      clearTimeout(timer);
      client?.destroy();
      server.close();
      if (error) reject(error);
      else resolve(seconds);
    }
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      client = net.connect(port, '127.0.0.1', () => {
        started = performance.now();
        for (const frame of frames) client!.write(frame);
      });
      client.on('error', (error) => finish(error));
    });
  });
}

export async function measureFramingLoopback(options: LoopbackBenchOptions): Promise<LoopbackBenchSamples> {
  const frame = encodeLengthFrame(Buffer.alloc(options.messageBytes, 0x62));
  const frames = Array.from({ length: options.messages }, () => frame);
  const totalBytes = frame.length * options.messages;
  const payloadBytes = options.messageBytes * options.messages;
  const framed = (): Receiver => {
    const decoder = new LengthFrameDecoder();
    let count = 0;
    return (chunk) => {
      decoder.write(chunk);
      for (let message = decoder.read(); message !== null; message = decoder.read()) {
        if (message.length !== options.messageBytes) throw new Error(`decoder returned ${message.length} bytes`);
        count++;
      }
      return count === options.messages;
    };
  };
  const raw = (): Receiver => {
    let received = 0;
    return (chunk) => (received += chunk.length) >= totalBytes;
  };
  const samples: LoopbackBenchSamples = { referenceBytesPerSecond: [], baselineBytesPerSecond: [] };
  for (let round = 1; round <= options.warmupRounds + options.repetitions; round++) {
    const reference = await transfer(frames, framed, options.deadlineMs);
    const baseline = await transfer(frames, raw, options.deadlineMs);
    if (round <= options.warmupRounds) continue;
    // The same bytes cross the socket in both; payload bytes are what the user gets.
    samples.referenceBytesPerSecond.push(payloadBytes / reference);
    samples.baselineBytesPerSecond.push(payloadBytes / baseline);
  }
  return samples;
}

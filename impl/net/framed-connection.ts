/**
 * Framing over a connection: send a message the documents' way (three sends: the 4-byte header
 * length, the header, the body) and receive whole messages however the stream was sliced, by
 * feeding what recv returns to a decoder (frame-decoder.ts) until it yields one.
 */
import type { FileHeader, LenientFileHeader } from './file-header';
import { type FramingOptions, encodeLengthFrame, headerFrameParts } from './framing';
import type { RecvOptions } from './stream-connection';

/** The calls framing needs from a connection (StreamConnection and handlers' requests have them). */
export interface ByteStream {
  recv(bufsize: number, options?: RecvOptions): Promise<Buffer>;
  sendall(data: Uint8Array): Promise<void>;
}

/** What receiveFrame needs from a decoder. */
export interface IncrementalDecoder<T> {
  write(chunk: Uint8Array): void;
  read(): T | null;
  end(): void;
}

/** 003 §9's three sends, each with sendall (the documents' send may send part: framing.send-not-sendall). */
export async function sendHeaderFrame(stream: ByteStream, header: FileHeader | LenientFileHeader, body: Uint8Array, options: FramingOptions = {}): Promise<void> {
  const parts = headerFrameParts(header, body, options);
  await stream.sendall(parts.prefix);
  await stream.sendall(parts.header);
  await stream.sendall(parts.body);
}

export async function sendLengthFrame(stream: ByteStream, data: Uint8Array, options: FramingOptions = {}): Promise<void> {
  await stream.sendall(encodeLengthFrame(data, options));
}

export interface ReceiveFrameOptions extends RecvOptions {
  /** recv size per call (default 65536; the documents use 1024). */
  bufsize?: number;
}

/**
 * The next whole message: reads until the decoder has one. Returns null when the stream ends
 * cleanly between messages; throws the decoder's FramingError for a bad or truncated frame.
 * Bytes after the message stay in the decoder for the next call: use one decoder per connection.
 */
export async function receiveFrame<T>(stream: ByteStream, decoder: IncrementalDecoder<T>, options: ReceiveFrameOptions = {}): Promise<T | null> {
  const bufsize = options.bufsize ?? 65536;
  for (;;) {
    const ready = decoder.read();
    if (ready !== null) return ready;
    const chunk = await stream.recv(bufsize, options);
    if (chunk.length === 0) {
      decoder.end();
      return decoder.read();
    }
    decoder.write(chunk);
  }
}

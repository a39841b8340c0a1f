/**
 * The chaos relay's plug-in contract. A fault is a small object that, for each connection (TCP)
 * or peer session (UDP) and each direction, creates a stage; the relay passes every piece of
 * traffic through the stages in order and delivers what comes out at the time it says.
 *
 * Pieces carry an earliest delivery time `at` (ms, performance.now() clock). A TCP stage may
 * split, delay or end the stream (a `reset` or `stall` signal); the relay keeps TCP's order by
 * never delivering a piece before the one ahead of it. A datagram stage may drop, duplicate or
 * delay datagrams, and the relay delivers each at its own time, so delays reorder them, as on a
 * real path. A fault without a stage for a protocol leaves that protocol alone.
 */
import type { SeededRandom } from './seeded-random';

/** upstream: client → target; downstream: target → client. */
export type Direction = 'upstream' | 'downstream';

export type StreamPiece = { at: number; bytes: Buffer } | { at: number; signal: 'reset' | 'stall' };

export interface DatagramPiece {
  at: number;
  bytes: Buffer;
}

export interface FaultContext {
  /** This fault's own random stream for this connection and direction. */
  random: SeededRandom;
  direction: Direction;
  /** Index of the TCP connection or UDP peer session through the relay (0-based). */
  session: number;
}

export interface StreamStage {
  pass(piece: StreamPiece): StreamPiece[];
}

export interface DatagramStage {
  pass(piece: DatagramPiece): DatagramPiece[];
}

export interface Fault {
  readonly name: string;
  /** Directions the fault acts on (default both). */
  readonly directions: readonly Direction[];
  tcp?(context: FaultContext): StreamStage;
  udp?(context: FaultContext): DatagramStage;
}

export interface FaultOptions {
  /** Only this direction (default both). */
  direction?: Direction;
}

export function directionsOf(options: FaultOptions): readonly Direction[] {
  return options.direction ? [options.direction] : ['upstream', 'downstream'];
}

/** Passes signals through untouched and lets `onBytes` handle data pieces. */
export function bytesOnly(onBytes: (piece: { at: number; bytes: Buffer }) => StreamPiece[]): StreamStage {
  return { pass: (piece) => ('signal' in piece ? [piece] : onBytes(piece)) };
}

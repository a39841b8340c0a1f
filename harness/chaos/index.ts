/** The chaos relay: a seeded, fault-injecting relay on loopback, and its faults. */
export { ChaosRelay, type ChaosRelayOptions } from './relay';
export { TcpRelay, type ConnectionStats, type DirectionStats } from './tcp-relay';
export { UdpRelay, type DatagramStats, type SessionStats } from './udp-relay';
export { SeededRandom } from './seeded-random';
export type { DatagramPiece, DatagramStage, Direction, Fault, FaultContext, FaultOptions, StreamPiece, StreamStage } from './fault';
export { rechunk, type RechunkOptions } from './faults/rechunk';
export { latency, type LatencyOptions } from './faults/latency';
export { bandwidth, type BandwidthOptions } from './faults/bandwidth';
export { resetPeer, type ResetPeerOptions } from './faults/reset-peer';
export { stall, type StallOptions } from './faults/stall';
export { drop, type DropOptions } from './faults/drop';
export { duplicate, type DuplicateOptions } from './faults/duplicate';
export { reorder, type ReorderOptions } from './faults/reorder';

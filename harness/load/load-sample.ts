/** What one load run against one server measured: the unit load claims and reports work with. */
import type { LoadWorkKind } from '../../impl/net/http/serve-request';
import type { LoadServerKind } from './server-process';

export interface LoadSample {
  server: LoadServerKind | string;
  work: LoadWorkKind;
  connections: number;
  /** Successful (2xx) responses per second over the run. */
  requestsPerSecond: number;
  /** Mean latency of the responses, in milliseconds. */
  latencyMeanMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Responses with 2xx status, and everything that went wrong. */
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
}

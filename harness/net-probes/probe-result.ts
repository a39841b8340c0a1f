/**
 * What a black-box probe concludes about a server it can only reach over the network, in the
 * manner of Autobahn|Testsuite: a verdict, a sentence saying why, and the observed events.
 */
import type { Json } from '../scenario/model';

/**
 * `unsupported`: the server offers nothing this probe needs (an identity query, a way to make its
 * handler raise), so the probe cannot run on it at all, unlike `inconclusive`, where it ran and
 * learnt nothing.
 */
export type ProbeVerdict = 'pass' | 'fail' | 'inconclusive' | 'unsupported';

export interface ProbeResult {
  probe: string;
  verdict: ProbeVerdict;
  message: string;
  /** Facts behind the verdict: the events in the order observed, what was sent and received. */
  evidence: Json;
}

export type Target = [host: string, port: number];

export interface ProbeOptions {
  /** Seconds any single wait may take before the probe gives up (default 10). */
  timeout?: number;
  /**
   * How long (ms) a concurrency probe gives the server to answer a second client while the first
   * is still connected, before concluding it is serial (default 1500). A patience, not a bound:
   * a concurrent server slower than this would be judged serial.
   */
  patienceMs?: number;
  /** Bytes that make the server's handler raise, if the server has such a trigger. */
  exceptionTrigger?: Uint8Array;
}

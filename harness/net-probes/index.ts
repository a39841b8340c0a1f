/**
 * Black-box probes for echo-upper servers: judge a server someone else wrote, reachable only at
 * host:port, the way Autobahn|Testsuite judges WebSocket servers.
 */
import { probeConcurrency, type ServiceModel } from './concurrency-probe';
import { probeEchoUpper } from './echo-upper-probe';
import { probeHandlerException } from './handler-exception-probe';
import type { ProbeOptions, ProbeResult, Target } from './probe-result';
import { probeResetSurvival } from './reset-survival-probe';

export { probeConcurrency, probeEchoUpper, probeHandlerException, probeResetSurvival, type ServiceModel };
export type { ProbeOptions, ProbeResult, ProbeVerdict, Target } from './probe-result';
export { parseTarget } from './target-address';

/** Every probe, one after the other (they must not overlap: the concurrency probe counts clients). */
export async function probeServer(target: Target, expected: ServiceModel, options: ProbeOptions = {}): Promise<ProbeResult[]> {
  return [
    await probeEchoUpper(target, options),
    await probeConcurrency(target, expected, options),
    await probeResetSurvival(target, options),
    await probeHandlerException(target, options),
  ];
}

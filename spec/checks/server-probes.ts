import type { Judgement, ServerCheck } from '../claim';
import type { Json } from '../../harness/scenario/model';
import type { ServerRequest, ServerTarget } from '../../harness/server/server-model';
import type { ProbeResult } from '../../harness/net-probes';

/**
 * Server checks built from the black-box probes of harness/net-probes: the probe's verdict
 * becomes the judgement. An inconclusive probe (the server did not even answer the first
 * client) is neither a pass nor a failure of the claim: it throws, so the verdict is `error`.
 */

export function fromProbe(result: ProbeResult): Judgement {
  if (result.verdict === 'inconclusive') throw new Error(`inconclusive probe ${result.probe}: ${result.message}`);
  return { ok: result.verdict === 'pass', message: result.message, evidence: { probe: result.probe, ...(isObject(result.evidence) ? result.evidence : { observed: result.evidence }) } };
}

function isObject(value: Json): value is { [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A server check whose judgement is one probe's verdict. */
export function probeCheck(server: ServerRequest, run: (target: [string, number], target_: ServerTarget) => Promise<ProbeResult>): ServerCheck {
  return {
    type: 'server',
    server,
    probe: async (target) => fromProbe(await run([target.host, target.port], target)),
  };
}
